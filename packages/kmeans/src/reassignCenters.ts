import type { Matrix, RandomSource } from '@mixkit/core';
import { randomRows } from './init/randomRows.js';

/**
 * scikit-learn's mini-batch re-assignment: centers that have absorbed less than `ratio` times the
 * largest center's weight (never more than half the batch size of them, the lightest first) jump
 * to distinct batch rows drawn by weight, and take the smallest weight among the other centers,
 * so that they can compete again. Returns the indices of the moved centers.
 */
export function reassignCenters(
  batch: Matrix,
  rows: number,
  weights: Float64Array,
  centers: Matrix,
  counts: Float64Array,
  ratio: number,
  random: RandomSource,
): number[] {
  const k = centers.rows;
  const d = centers.cols;
  let largest = 0;
  for (let j = 0; j < k; j++) largest = Math.max(largest, counts[j]);
  let moved: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] < ratio * largest) moved.push(j);
  if (moved.length === 0) return moved;
  const limit = Math.floor(0.5 * rows);
  if (moved.length > limit) {
    moved = moved.sort((a, b) => counts[a] - counts[b] || a - b).slice(0, limit);
    moved.sort((a, b) => a - b);
  }
  let positive = 0;
  for (let r = 0; r < rows; r++) if (weights[r] > 0) positive++;
  if (moved.length === 0 || positive < moved.length) return [];
  const view: Matrix = { rows, cols: d, data: batch.data.subarray(0, rows * d) };
  const picked = randomRows(view, moved.length, random, weights.subarray(0, rows));
  let smallestKept = Number.POSITIVE_INFINITY;
  const isMoved = new Uint8Array(k);
  for (const j of moved) isMoved[j] = 1;
  for (let j = 0; j < k; j++) if (!isMoved[j]) smallestKept = Math.min(smallestKept, counts[j]);
  moved.forEach((j, t) => {
    centers.data.set(picked.data.subarray(t * d, t * d + d), j * d);
    counts[j] = Number.isFinite(smallestKept) ? smallestKept : 0;
  });
  return moved;
}
