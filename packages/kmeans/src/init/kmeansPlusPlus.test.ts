import { createRandom, drainShardProgram } from '@mixkit/core';
import { rowSquaredNorms, setKernelCompilation } from '@mixkit/linalg';
import { afterEach, describe, expect, it } from 'vitest';
import { blobs } from '../../test/blobs.js';
import { shiftRows } from '../internal/shiftRows.js';
import { kmeansPlusPlus, kmeansPlusPlusProgram } from './kmeansPlusPlus.js';
import { randomRows } from './randomRows.js';

function rowIndexOf(
  X: { cols: number; data: Float64Array; rows: number },
  center: Float64Array,
): number {
  for (let i = 0; i < X.rows; i++) {
    let same = true;
    for (let j = 0; j < X.cols; j++) if (X.data[i * X.cols + j] !== center[j]) same = false;
    if (same) return i;
  }
  return -1;
}

describe('kmeansPlusPlus', () => {
  const { X, labels } = blobs(300, 3, 5, 21, 100);

  it('is deterministic under a seed', () => {
    const a = kmeansPlusPlus(X, 5, createRandom(7));
    const b = kmeansPlusPlus(X, 5, createRandom(7));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const c = kmeansPlusPlus(X, 5, createRandom(8));
    expect(Array.from(c.data)).not.toEqual(Array.from(a.data));
  });

  it('picks rows of X, one from each well-separated blob', () => {
    const centers = kmeansPlusPlus(X, 5, createRandom(3));
    const blobsHit = new Set<number>();
    for (let c = 0; c < 5; c++) {
      const row = rowIndexOf(X, centers.data.subarray(c * 3, c * 3 + 3));
      expect(row).toBeGreaterThanOrEqual(0);
      blobsHit.add(labels[row]);
    }
    expect(blobsHit.size).toBe(5);
  });

  it('never picks a row of weight zero', () => {
    const weights = new Float64Array(300).fill(1);
    for (let i = 0; i < 300; i += 2) weights[i] = 0;
    for (let seed = 0; seed < 5; seed++) {
      const centers = kmeansPlusPlus(X, 5, createRandom(seed), weights);
      for (let c = 0; c < 5; c++) {
        expect(rowIndexOf(X, centers.data.subarray(c * 3, c * 3 + 3)) % 2).toBe(1);
      }
    }
  });

  it('with k = n on distinct rows picks every row once', () => {
    const small = blobs(7, 2, 2, 1).X;
    const centers = kmeansPlusPlus(small, 7, createRandom(1));
    const rows = new Set<number>();
    for (let c = 0; c < 7; c++)
      rows.add(rowIndexOf(small, centers.data.subarray(c * 2, c * 2 + 2)));
    expect(rows.size).toBe(7);
  });
});

describe('randomRows', () => {
  const { X } = blobs(50, 2, 2, 4);
  it('draws k distinct rows, deterministically under a seed', () => {
    const a = randomRows(X, 10, createRandom(2));
    expect(Array.from(a.data)).toEqual(Array.from(randomRows(X, 10, createRandom(2)).data));
    const rows = new Set<number>();
    for (let c = 0; c < 10; c++) rows.add(rowIndexOf(X, a.data.subarray(c * 2, c * 2 + 2)));
    expect(rows.size).toBe(10);
  });
  it('draws only rows of positive weight', () => {
    const weights = new Float64Array(50);
    weights.fill(1, 0, 5);
    const centers = randomRows(X, 5, createRandom(9), weights);
    const rows = new Set<number>();
    for (let c = 0; c < 5; c++) rows.add(rowIndexOf(X, centers.data.subarray(c * 2, c * 2 + 2)));
    expect([...rows].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('kmeansPlusPlus on rows read as X − shift (no centered copy)', () => {
  afterEach(() => {
    setKernelCompilation(true);
  });

  // 10,000 x 7 far from the origin, k = 9: several seeding blocks of 4,096 rows.
  const { X: raw } = blobs(10_000, 7, 9, 5, 4);
  const X = { ...raw, data: raw.data.map((v, t) => v + 1e4 * ((t % 7) - 3)) };
  const shift = Float64Array.from({ length: 7 }, (_, j) => 1e4 * (j - 3) + 0.37 * j);
  const centered = { ...X, data: new Float64Array(X.data.length) };
  shiftRows(X.data, shift, centered.data, 0, X.data.length);
  const norms = rowSquaredNorms(centered);
  const weights = Float64Array.from({ length: X.rows }, (_, i) => 0.5 + (i % 5));

  it.each([
    ['with WebAssembly', true],
    ['with the JavaScript kernels', false],
  ])('%s: the centres of the centered copy, bit for bit, with and without weights', (_, wasm) => {
    setKernelCompilation(wasm);
    for (const w of [undefined, weights]) {
      const fromCopy = kmeansPlusPlus(centered, 9, createRandom(3), w);
      const fromShift = drainShardProgram(
        kmeansPlusPlusProgram(X, 9, createRandom(3), w, { shift, norms }),
      );
      expect(Array.from(fromShift.data)).toEqual(Array.from(fromCopy.data));
      // And the rows are those of the copy, not of X.
      expect(rowIndexOf(centered, fromShift.data.subarray(0, 7))).toBeGreaterThanOrEqual(0);
    }
  });
});
