import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { InvalidInputError } from './errors/invalidInputError.js';

/**
 * The random numbers every stochastic algorithm in mixkit draws from. Algorithms take one as an
 * option (or a seed) and never call `Math.random`, so a seed repeats a run bit for bit.
 */
export interface RandomSource {
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A uniform integer in [0, n), for an integer n >= 1. */
  integer(n: number): number;
  /** A standard normal deviate. */
  normal(): number;
  /**
   * An independent stream, e.g. one per restart. The child takes over the current position and
   * this source jumps 2^64 draws ahead, so sibling streams never overlap.
   */
  split(): RandomSource;
}

/** A seed, or a source to draw from: what algorithms accept as their `random` option. */
export type RandomInput = number | RandomSource;

class XoroshiroSource implements RandomSource {
  private spare = Number.NaN;

  constructor(private readonly generator: JumpableRandomGenerator) {}

  uniform(): number {
    return uniformFloat64(this.generator);
  }

  integer(n: number): number {
    return uniformInt(this.generator, 0, n - 1);
  }

  normal(): number {
    // Marsaglia's polar method: two deviates per accepted pair; the second is kept for the
    // next call, so the sequence depends only on the seed and the call order.
    if (!Number.isNaN(this.spare)) {
      const value = this.spare;
      this.spare = Number.NaN;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniformFloat64(this.generator) - 1;
      v = 2 * uniformFloat64(this.generator) - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }

  split(): RandomSource {
    const child = new XoroshiroSource(this.generator.clone());
    this.generator.jump();
    return child;
  }
}

/** A seeded source (xoroshiro128+ from pure-rand). The seed must be a safe integer. */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) {
    throw new InvalidInputError({ argument: 'seed', value: seed }, 'expected a safe integer');
  }
  return new XoroshiroSource(xoroshiro128plus(seed));
}

/**
 * Resolves an algorithm's `random` option: a seed makes a new source, a source is used as is,
 * and no option means seed 0, so that runs are repeatable unless the caller asks otherwise.
 */
export function toRandom(random: RandomInput | undefined): RandomSource {
  if (random === undefined) return createRandom(0);
  return typeof random === 'number' ? createRandom(random) : random;
}
