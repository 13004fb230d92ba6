import { createRandom } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { sampleCategorical, sampleGamma, samplePoisson } from '../src/index.js';

/** Mean and variance of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSquares / n - mean * mean };
}

const N = 200_000;

describe('samplePoisson', () => {
  for (const rate of [0.3, 4, 9.99, 10, 37.5, 1000]) {
    it(`draws with mean and variance ${rate} (within 5 standard errors)`, () => {
      const random = createRandom(11);
      const { mean, variance } = moments(N, () => samplePoisson(rate, random));
      expect(Math.abs(mean - rate)).toBeLessThan(5 * Math.sqrt(rate / N));
      // Var of the sample variance of a Poisson ≈ (λ + 2λ²) / n.
      expect(Math.abs(variance - rate)).toBeLessThan(5 * Math.sqrt((rate + 2 * rate * rate) / N));
    });
  }
  it('matches the pmf at rate 15 (PTRS branch): chi-square over 0..40 below its 0.999 quantile', () => {
    const random = createRandom(5);
    const rate = 15;
    const counts = new Float64Array(41);
    for (let i = 0; i < N; i++) counts[Math.min(samplePoisson(rate, random), 40)] += 1;
    let chiSquare = 0;
    let probability = Math.exp(-rate);
    let cumulative = 0;
    for (let k = 0; k < 40; k++) {
      const expected = N * probability;
      chiSquare += (counts[k] - expected) ** 2 / expected;
      cumulative += probability;
      probability *= rate / (k + 1);
    }
    const expectedTail = N * (1 - cumulative);
    chiSquare += (counts[40] - expectedTail) ** 2 / Math.max(expectedTail, 1e-9);
    // 40 degrees of freedom: the 0.999 quantile of χ²₄₀ is 73.4.
    expect(chiSquare).toBeLessThan(73.4);
  });
  it('returns only non-negative integers', () => {
    const random = createRandom(2);
    for (let i = 0; i < 1000; i++) {
      const k = samplePoisson(25, random);
      expect(Number.isInteger(k) && k >= 0).toBe(true);
    }
  });
});

describe('sampleGamma', () => {
  for (const shape of [0.2, 0.9, 1, 3.5, 50]) {
    it(`Gamma(${shape}, 1) draws have mean and variance ${shape} and are > 0`, () => {
      const random = createRandom(3);
      let positive = true;
      const { mean, variance } = moments(N, () => {
        const x = sampleGamma(shape, random);
        positive &&= x > 0;
        return x;
      });
      expect(positive).toBe(true);
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      // Var of the sample variance ≈ (μ₄ − σ⁴) / n with μ₄ = 3a² + 6a for Gamma(a, 1).
      const spread = Math.sqrt((3 * shape * shape + 6 * shape - shape * shape) / N);
      expect(Math.abs(variance - shape)).toBeLessThan(5 * spread);
    });
  }
});

describe('sampleCategorical', () => {
  it('draws each category with its probability and never a zero-probability one', () => {
    const random = createRandom(4);
    const p = Float64Array.from([9, 0.2, 0, 0.5, 0.3, 7]);
    const counts = new Float64Array(4);
    for (let i = 0; i < N; i++) counts[sampleCategorical(p, 1, 4, random)] += 1;
    expect(counts[1]).toBe(0);
    [0.2, 0, 0.5, 0.3].forEach((q, j) => {
      expect(Math.abs(counts[j] / N - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / N) + 1e-12);
    });
  });
});
