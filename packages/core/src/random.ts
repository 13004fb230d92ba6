import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { InvalidInputError } from './errors/invalidInputError.js';

/**
 * The random numbers every stochastic algorithm in mixkit draws from. Algorithms take one as an
 * option (or a seed) and never draw from the platform's unseeded generator, so a seed repeats a run
 * bit for bit.
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

  /** The generator's state, or undefined while a spare normal deviate is pending. */
  state(): readonly number[] | undefined {
    return Number.isNaN(this.spare) ? [...this.generator.getState()] : undefined;
  }
}

/**
 * The state of a seeded source (`createRandom`, `toRandom`, or a `split()` of one) as plain
 * numbers that `randomFromState` turns back into a source drawing the very same sequence: how
 * a fit hands each restart's stream to another thread. Undefined for a source of the caller's
 * own making, or one holding a spare normal deviate (its next draws depend on more than the
 * generator); such fits stay in one thread.
 */
export function randomState(source: RandomSource): readonly number[] | undefined {
  return source instanceof XoroshiroSource ? source.state() : undefined;
}

/** The source whose state `randomState` gave (it draws what that source would have drawn). */
export function randomFromState(state: readonly number[]): RandomSource {
  return new XoroshiroSource(xoroshiro128plusFromState(state));
}

/** A seeded source (xoroshiro128+ from pure-rand). The seed must be a safe integer. */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) {
    throw new InvalidInputError({ argument: 'seed', value: seed }, 'expected a safe integer');
  }
  return new XoroshiroSource(xoroshiro128plusFromState(seedState(seed)));
}

/**
 * Expands a seed into xoroshiro128+'s 128-bit state with a SplitMix-style sequence (Weyl
 * increment 0x9e3779b9, then MurmurHash3's fmix32 finaliser), as Vigna recommends for seeding
 * the xoroshiro family. pure-rand's own `xoroshiro128plus(seed)` puts the seed into the state
 * almost as is, so small seeds start from nearly identical states: the first uniform was above
 * 0.99998 for every seed in 0..999.
 */
function seedState(seed: number): number[] {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  let weyl = low ^ Math.imul(high, 0x85ebca6b);
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    weyl = (weyl + 0x9e3779b9) | 0;
    let z = weyl ^ Math.imul(high + i, 0xc2b2ae35);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state.push((z ^ (z >>> 16)) | 0);
  }
  // The all-zero state is xoroshiro's one fixed point.
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return state;
}

/**
 * Resolves an algorithm's `random` option: a seed makes a new source, a source is used as is,
 * and no option means seed 0, so that runs are repeatable unless the caller asks otherwise.
 */
export function toRandom(random: RandomInput | undefined): RandomSource {
  if (random === undefined) return createRandom(0);
  return typeof random === 'number' ? createRandom(random) : random;
}
