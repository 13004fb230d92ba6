import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors/invalidInputError.js';
import { createRandom, randomFromState, randomState, toRandom } from './random.js';

function draw(seed: number, n: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.uniform());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(1, 10)).not.toEqual(draw(2, 10));
  });

  it('draws uniforms in [0, 1) with mean near 1/2 and variance near 1/12', () => {
    const xs = draw(7, 100_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws integers covering [0, n) evenly', () => {
    const random = createRandom(3);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const v = random.integer(5);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('draws standard normals with mean 0, variance 1 and normal tails', () => {
    const random = createRandom(11);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(sum / n).toBeCloseTo(0, 2);
    expect(sumSq / n).toBeCloseTo(1, 1);
    // P(|Z| > 2) = 0.0455
    expect(beyond2 / n).toBeCloseTo(0.0455, 2);
  });

  it('normal() is repeatable including the cached second deviate', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    for (let i = 0; i < 11; i++) expect(a.normal()).toBe(b.normal());
  });

  it('split() gives repeatable streams that differ from the parent and from each other', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const childA1 = a.split();
    const childA2 = a.split();
    const childB1 = b.split();
    const seq = (r: ReturnType<typeof createRandom>) => [r.uniform(), r.uniform(), r.uniform()];
    const s1 = seq(childA1);
    expect(s1).toEqual(seq(childB1));
    expect(s1).not.toEqual(seq(childA2));
    expect(seq(a)).not.toEqual(s1);
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => createRandom(1.5)).toThrow(InvalidInputError);
    expect(() => createRandom(Number.NaN)).toThrow(/seed/);
  });
});

describe('toRandom', () => {
  it('seeds from a number, passes a source through, and defaults to seed 0', () => {
    const source = createRandom(1);
    expect(toRandom(source)).toBe(source);
    expect(toRandom(4).uniform()).toBe(createRandom(4).uniform());
    expect(toRandom(undefined).uniform()).toBe(createRandom(0).uniform());
  });
});

describe('seeding', () => {
  it('spreads the first draws of small consecutive seeds over [0, 1)', () => {
    const firsts = Array.from({ length: 1000 }, (_, seed) => createRandom(seed).uniform());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    // 1000 uniforms: mean 0.5 with standard error 0.009; every decile is populated.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    const deciles = new Set(firsts.map((u) => Math.floor(u * 10)));
    expect(deciles.size).toBe(10);
  });

  it('gives different streams for seeds that differ only above 32 bits', () => {
    expect(draw(2 ** 32 + 5, 3)).not.toEqual(draw(5, 3));
    expect(draw(-5, 3)).not.toEqual(draw(5, 3));
  });
});

describe('randomState / randomFromState', () => {
  it('rebuild a split stream that draws the very same numbers, in any thread', () => {
    const parent = createRandom(17);
    const child = parent.split();
    const state = randomState(child);
    expect(state).toBeDefined();
    const copy = randomFromState(state ?? []);
    const drawn = [child.uniform(), child.integer(1000), child.normal(), child.normal()];
    expect([copy.uniform(), copy.integer(1000), copy.normal(), copy.normal()]).toEqual(drawn);
  });

  it('give no state for a source of the caller’s own, or one holding a spare normal deviate', () => {
    const own = { uniform: () => 0.5, integer: () => 0, normal: () => 0, split: () => own };
    expect(randomState(own)).toBeUndefined();
    const source = createRandom(3);
    source.normal();
    expect(randomState(source)).toBeUndefined();
    source.normal();
    expect(randomState(source)).toBeDefined();
  });
});
