import { describe, expect, it } from 'vitest';
import { randomMatrix, seeded } from '../test/helpers.js';
import { thresholdedLogSumExpRows } from './thresholdedLogSumExpRows.js';
import { thresholdedSoftmaxRows } from './thresholdedSoftmaxRows.js';
import { allocateKernelArrays } from './wasm/wasmKernels.js';

function kernelBlock(values: Float64Array): Float64Array {
  const arrays = allocateKernelArrays([values.length]);
  if (arrays === undefined) throw new Error('kernel memory is unavailable');
  const [block] = arrays;
  block.set(values);
  return block;
}

describe('thresholdedLogSumExpRows', () => {
  const rows = 3000;

  // Spreads of 20 and 900: the second puts some v − max below −708, where expNonPositive
  // falls back to Math.exp, and leaves most rows with one kept entry at a floor of −50.
  for (const k of [1, 2, 3, 7, 16]) {
    for (const spread of [20, 900]) {
      for (const floor of [-50, -10, Number.NEGATIVE_INFINITY]) {
        it(`gives thresholdedSoftmaxRows' max, Σe and kept count, bit for bit (k = ${k}, spread ${spread}, floor ${floor})`, () => {
          const values = randomMatrix(seeded(k * 31 + spread), rows, k, spread).data;
          const logWeights = Float64Array.from({ length: k }, (_, c) => -1 - 0.37 * c);
          const softmaxBlock = kernelBlock(values);
          const expected = new Float64Array(3 * rows);
          const done = thresholdedSoftmaxRows(
            softmaxBlock,
            rows,
            k,
            logWeights,
            floor,
            undefined,
            0,
            new Float64Array(k),
            expected,
          );
          const block = kernelBlock(values);
          const rowOut = new Float64Array(3 * rows);
          expect(done).toBe(rows);
          expect(thresholdedLogSumExpRows(block, rows, k, logWeights, floor, rowOut)).toBe(rows);
          expect(Array.from(rowOut)).toEqual(Array.from(expected));
          // The block keeps the joint values v (its log weights added).
          for (let r = 0; r < rows; r += 97) {
            for (let c = 0; c < k; c++) {
              expect(block[r * k + c]).toBe(values[r * k + c] + logWeights[c]);
            }
          }
        });
      }
    }
  }

  it('rows with one kept entry and rows tied at the max give the same bits as thresholdedSoftmaxRows', () => {
    // Integer joint values 60 apart or equal: each row keeps one entry, or two or more tied at
    // the max (odd k: the last entry is counted alone).
    for (const k of [2, 5, 16]) {
      const random = seeded(k);
      const values = Float64Array.from(
        { length: rows * k },
        () => 60 * Math.floor(4 * random.uniform()),
      );
      const logWeights = new Float64Array(k).fill(-Math.log(k));
      const expected = new Float64Array(3 * rows);
      thresholdedSoftmaxRows(
        kernelBlock(values),
        rows,
        k,
        logWeights,
        -50,
        undefined,
        0,
        new Float64Array(k),
        expected,
      );
      const rowOut = new Float64Array(3 * rows);
      expect(thresholdedLogSumExpRows(kernelBlock(values), rows, k, logWeights, -50, rowOut)).toBe(
        rows,
      );
      expect(Array.from(rowOut)).toEqual(Array.from(expected));
      const kept = Array.from({ length: rows }, (_, r) => rowOut[3 * r + 2]);
      expect(kept.some((count) => count === 1)).toBe(true);
      expect(kept.some((count) => count > 1)).toBe(true);
    }
  });

  it('stops where thresholdedSoftmaxRows stops (NaN, infinity), and skips ordinary arrays', () => {
    const k = 5;
    const values = randomMatrix(seeded(8), rows, k, 20).data;
    const logWeights = Float64Array.of(-1, -2, -0.5, -3, -1.5);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const withBad = Float64Array.from(values);
      withBad[2345 * k + 4] = bad;
      const block = kernelBlock(withBad);
      const rowOut = new Float64Array(3 * rows);
      expect(thresholdedLogSumExpRows(block, rows, k, logWeights, -50, rowOut)).toBe(2345);
      expect(block[2345 * k]).toBe(values[2345 * k] + logWeights[0]);
    }
    expect(
      thresholdedLogSumExpRows(
        Float64Array.from(values),
        rows,
        k,
        logWeights,
        -50,
        new Float64Array(3 * rows),
      ),
    ).toBeUndefined();
  });
});
