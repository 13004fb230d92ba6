import { InvalidInputError, type RandomSource } from '@mixkit/core';
import type { KMedoidsInit } from './kmedoidsOptions.js';

/**
 * Initial medoid row indices from the n x n dissimilarities D (row-major) and row weights.
 * - `build`: PAM's greedy BUILD (Kaufman & Rousseeuw 1990): first the row of least total
 *   deviation, then repeatedly the row that lowers the total deviation most. O(n²k).
 * - `k-means++`: the first row drawn by weight, each next with probability ∝ w_i · D(i), D(i)
 *   the distance to the nearest chosen medoid (the k-medoids analogue of D² sampling). O(nk).
 * - `random`: k distinct rows drawn by weight.
 * - explicit indices: validated (distinct integers in [0, n)).
 */
export function initialMedoids(
  init: KMedoidsInit,
  D: Float64Array,
  n: number,
  k: number,
  weights: Float64Array,
  random: RandomSource,
): Int32Array {
  if (typeof init !== 'string') return checkIndices(init, n, k);
  if (init === 'build') return build(D, n, k, weights);
  const medoids = new Int32Array(k);
  const chosen = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let m = 0; m < k; m++) {
    // Probability ∝ w_i for the first medoid and for 'random'; ∝ w_i·D(i) afterwards for k-means++.
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!chosen[i]) total += init === 'k-means++' && m > 0 ? weights[i] * nearest[i] : weights[i];
    }
    let pick = -1;
    if (total > 0) {
      const target = random.uniform() * total;
      let running = 0;
      for (let i = 0; i < n; i++) {
        if (chosen[i]) continue;
        const mass = init === 'k-means++' && m > 0 ? weights[i] * nearest[i] : weights[i];
        if (mass <= 0) continue;
        pick = i;
        running += mass;
        if (running > target) break;
      }
    }
    // All remaining rows coincide with medoids (or weigh 0): take the first free row.
    if (pick === -1) pick = chosen.indexOf(0);
    medoids[m] = pick;
    chosen[pick] = 1;
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i], D[i * n + pick]);
  }
  return medoids;
}

function build(D: Float64Array, n: number, k: number, weights: Float64Array): Int32Array {
  const medoids = new Int32Array(k);
  const chosen = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let m = 0; m < k; m++) {
    let best = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let c = 0; c < n; c++) {
      if (chosen[c]) continue;
      // Total deviation if c were added: Σ_i w_i min(nearest_i, D(i, c)).
      let value = 0;
      for (let i = 0; i < n; i++) {
        const distance = D[i * n + c];
        const current = nearest[i];
        value += weights[i] * Math.min(distance, current);
      }
      if (value < bestValue) {
        bestValue = value;
        best = c;
      }
    }
    medoids[m] = best;
    chosen[best] = 1;
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i], D[i * n + best]);
  }
  return medoids;
}

function checkIndices(indices: readonly number[], n: number, k: number): Int32Array {
  if (indices.length !== k) {
    throw new InvalidInputError(
      { argument: 'init', value: indices.length },
      `expected ${k} indices`,
    );
  }
  const seen = new Set<number>();
  indices.forEach((index, position) => {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new InvalidInputError(
        { argument: 'init', row: position, value: index },
        `expected a row index in [0, ${n})`,
      );
    }
    if (seen.has(index)) {
      throw new InvalidInputError(
        { argument: 'init', row: position, value: index },
        'duplicate medoid',
      );
    }
    seen.add(index);
  });
  return Int32Array.from(indices);
}
