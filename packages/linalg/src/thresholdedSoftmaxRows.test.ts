import { describe, expect, it } from 'vitest';
import { randomMatrix, seeded } from '../test/helpers.js';
import { thresholdedSoftmaxRows } from './thresholdedSoftmaxRows.js';
import { allocateKernelArrays } from './wasm/wasmKernels.js';

function kernelBlock(values: Float64Array): Float64Array {
  const [block] = allocateKernelArrays([values.length]) as Float64Array[];
  block!.set(values);
  return block!;
}

describe('thresholdedSoftmaxRows', () => {
  const rows = 2500;
  const k = 5;
  const values = randomMatrix(seeded(4), rows, k, 20).data;
  const logWeights = Float64Array.of(-1, -2, -0.5, -3, -1.5);

  it('is a weighted softmax of each row with the log weights added, and column totals', () => {
    const block = kernelBlock(values);
    const weights = Float64Array.from({ length: rows + 2 }, (_, i) => 1 + (i % 3));
    const totals = new Float64Array(k);
    const rowOut = new Float64Array(3 * rows);
    expect(
      thresholdedSoftmaxRows(block, rows, k, logWeights, -Infinity, weights, 2, totals, rowOut),
    ).toBe(rows);
    const expectedTotals = new Float64Array(k);
    for (let r = 0; r < rows; r++) {
      const joint = Array.from({ length: k }, (_, c) => values[r * k + c] + logWeights[c]);
      const max = Math.max(...joint);
      const sum = joint.reduce((s, v) => s + Math.exp(v - max), 0);
      expect(rowOut[3 * r]).toBe(max);
      expect(rowOut[3 * r + 1]).toBeCloseTo(sum, 13);
      expect(rowOut[3 * r + 2]).toBe(k);
      for (let c = 0; c < k; c++) {
        const expected = (weights[2 + r] * Math.exp(joint[c] - max)) / sum;
        expect(block[r * k + c]).toBeCloseTo(expected, 14);
        expectedTotals[c] += expected;
      }
    }
    for (let c = 0; c < k; c++) expect(totals[c]).toBeCloseTo(expectedTotals[c], 9);
  });

  it('drops entries more than -floor below the row max and counts the kept ones', () => {
    const block = kernelBlock(values);
    const rowOut = new Float64Array(3 * rows);
    thresholdedSoftmaxRows(
      block,
      rows,
      k,
      logWeights,
      -10,
      undefined,
      0,
      new Float64Array(k),
      rowOut,
    );
    for (let r = 0; r < rows; r++) {
      const joint = Array.from({ length: k }, (_, c) => values[r * k + c] + logWeights[c]);
      const max = Math.max(...joint);
      const kept = joint.filter((v) => v >= max - 10).length;
      expect(rowOut[3 * r + 2]).toBe(kept);
      joint.forEach((v, c) => {
        if (v < max - 10) expect(block[r * k + c]).toBe(0);
        else expect(block[r * k + c]).toBeGreaterThan(0);
      });
    }
  });

  it('stops at the first row holding NaN or an infinity, and skips ordinary arrays', () => {
    const withNaN = Float64Array.from(values);
    withNaN[1234 * k + 3] = Number.NaN;
    const block = kernelBlock(withNaN);
    const totals = new Float64Array(k);
    const rowOut = new Float64Array(3 * rows);
    expect(
      thresholdedSoftmaxRows(block, rows, k, logWeights, -50, undefined, 0, totals, rowOut),
    ).toBe(1234);
    // The stopped row has its log weights added and nothing else.
    expect(block[1234 * k]).toBe(values[1234 * k] + logWeights[0]);
    expect(
      thresholdedSoftmaxRows(
        Float64Array.from(values),
        rows,
        k,
        logWeights,
        -50,
        undefined,
        0,
        totals,
        rowOut,
      ),
    ).toBeUndefined();
  });
});
