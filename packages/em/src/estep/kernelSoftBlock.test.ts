import { createRandom, InvalidInputError } from '@mixkit/core';
import { allocateKernelArrays } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import { EStepScratch } from './eStepScratch.js';
import { normalizeBlock } from './normalizeBlock.js';

/**
 * A rows x k block of log-densities with a spread like an EM fit's (some rows decided, some
 * shared, some entries far below the max), plus -Infinity entries where asked.
 */
function logDensities(
  rows: number,
  k: number,
  seed: number,
  minusInfinity = 0,
  spread = 200,
): Float64Array {
  const random = createRandom(seed);
  const block = new Float64Array(rows * k);
  for (let i = 0; i < block.length; i++) block[i] = -spread * random.uniform() ** 3 - 5;
  for (let i = 0; i < minusInfinity; i++) block[random.integer(block.length)] = -Infinity;
  return block;
}

interface Outcome {
  objective: number | string;
  block: number[];
  totals: number[];
  rowScores: number[];
}

/** normalizeBlock on a copy of `values` in an ordinary array or in kernel memory. */
function run(
  values: Float64Array,
  rows: number,
  k: number,
  inKernelMemory: boolean,
  options: { weighted: boolean; skipNegligible: boolean; scoreOnly?: boolean },
): Outcome {
  const block = inKernelMemory
    ? (allocateKernelArrays([values.length]) as Float64Array[])[0]
    : new Float64Array(values.length);
  block.set(values);
  const random = createRandom(11);
  const logWeights = Float64Array.from({ length: k }, () => Math.log(0.1 + random.uniform()));
  const sampleWeight = options.weighted
    ? Float64Array.from({ length: rows + 3 }, (_, i) => (i % 4) * 0.5)
    : undefined;
  const totals = new Float64Array(k);
  const rowScores = new Float64Array(rows + 3);
  let objective: number | string;
  try {
    objective = normalizeBlock(block, rows, k, logWeights, 3, new EStepScratch(), {
      sampleWeight,
      totals,
      rowScores,
      skipNegligible: options.skipNegligible,
      scoreOnly: options.scoreOnly,
    });
  } catch (error) {
    objective = InvalidInputError.isInstance(error) ? `${error.message} @${error.row}` : 'other';
  }
  return {
    objective,
    block: Array.from(block),
    totals: Array.from(totals),
    rowScores: Array.from(rowScores),
  };
}

describe('the E-step on a block in kernel memory (WebAssembly)', () => {
  it('gives the same bits as the JavaScript passes: responsibilities, totals, scores, objective', () => {
    for (const k of [1, 2, 5, 16, 37]) {
      for (const skipNegligible of [true, false]) {
        for (const weighted of [false, true]) {
          const rows = 3000;
          const values = logDensities(rows, k, 10 * k, k > 1 ? 40 : 0);
          const options = { weighted, skipNegligible };
          const simd = run(values, rows, k, true, options);
          expect(simd).toEqual(run(values, rows, k, false, options));
          expect(typeof simd.objective).toBe('number');
        }
      }
    }
  });

  it('scores only (scoreOnly) with the same objective and row scores, bit for bit', () => {
    for (const k of [1, 2, 5, 16, 37]) {
      for (const skipNegligible of [true, false]) {
        for (const weighted of [false, true]) {
          const rows = 3000;
          const values = logDensities(rows, k, 10 * k + 1, k > 1 ? 40 : 0, k === 5 ? 3000 : 200);
          const full = run(values, rows, k, true, { weighted, skipNegligible });
          const scored = run(values, rows, k, true, { weighted, skipNegligible, scoreOnly: true });
          expect(typeof scored.objective).toBe('number');
          expect(scored.objective).toBe(full.objective);
          expect(scored.rowScores).toEqual(full.rowScores);
          // No totals were computed, except by the exact path of the rows holding -Infinity
          // (all of them when k > 1, none when k = 1).
          if (k === 1) expect(scored.totals).toEqual([0]);
          else expect(scored.totals).not.toEqual(full.totals);
          // In an ordinary array the flag changes nothing (the JavaScript passes run in full).
          expect(
            run(values, rows, k, false, { weighted, skipNegligible, scoreOnly: true }),
          ).toEqual(run(values, rows, k, false, { weighted, skipNegligible }));
        }
      }
    }
    // A NaN row still takes the exact path and raises the same located error.
    const nan = logDensities(50, 6, 4);
    nan[31 * 6] = Number.NaN;
    const options = { weighted: true, skipNegligible: true };
    expect(run(nan, 50, 6, true, { ...options, scoreOnly: true }).objective).toBe(
      run(nan, 50, 6, true, options).objective,
    );
  });

  it('agrees bit for bit where exp leaves its table range (differences below -708)', () => {
    const rows = 2000;
    const values = logDensities(rows, 7, 99, 0, 3000);
    const options = { weighted: true, skipNegligible: false };
    const simd = run(values, rows, 7, true, options);
    expect(simd).toEqual(run(values, rows, 7, false, options));
    // Some responsibilities underflowed to 0 or below the normal range on the way.
    expect(simd.block.some((p) => p > 0 && p < 2.2250738585072014e-308)).toBe(true);
  });

  it('takes NaN and infinite rows through the exact path, with the same located errors', () => {
    const k = 6;
    const rows = 50;
    const options = { weighted: true, skipNegligible: true };
    const plusInfinity = logDensities(rows, k, 3);
    plusInfinity[17 * k + 2] = Infinity;
    const nan = logDensities(rows, k, 4);
    nan[31 * k] = Number.NaN;
    const zero = logDensities(rows, k, 5);
    zero.fill(-Infinity, 9 * k, 10 * k);
    for (const [values, row] of [
      [plusInfinity, 17],
      [nan, 31],
      [zero, 9],
    ] as const) {
      const simd = run(values, rows, k, true, options);
      expect(simd.objective).toBe(run(values, rows, k, false, options).objective);
      expect(simd.objective).toMatch(new RegExp(`@${row + 3}$`));
    }
  });
});
