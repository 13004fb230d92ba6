import { createMatrix, type RandomSource } from '@mixkit/core';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { InitialAssignment } from './initialAssignment.js';

/**
 * k distinct rows of positive weight drawn uniformly without replacement, one per component
 * (scikit-learn's `init_params='random_from_data'`). Floyd's algorithm: k draws, no n-sized
 * shuffle.
 */
export function randomFromDataAssignment(
  workspace: EmWorkspace,
  random: RandomSource,
): InitialAssignment {
  const { initX: X, d } = workspace;
  const seeds = createMatrix(workspace.k, d);
  for (const [c, row] of randomDataRows(workspace, random).entries()) {
    seeds.data.set(X.data.subarray(row * d, (row + 1) * d), c * d);
  }
  return { kind: 'seeds', seeds };
}

/**
 * The rows `randomFromDataAssignment` seeds from, component by component: the whole draw, which
 * needs only the row count and weights, so a fit whose rows live elsewhere draws the same rows
 * and reads their values from the workers.
 */
export function randomDataRows(workspace: EmWorkspace, random: RandomSource): number[] {
  const { n, k, sampleWeight } = workspace;
  let candidates: Int32Array | undefined;
  if (sampleWeight !== undefined) {
    candidates = new Int32Array(workspace.positiveRows);
    for (let i = 0, j = 0; i < n; i++) if (sampleWeight[i] > 0) candidates[j++] = i;
  }
  const m = candidates?.length ?? n;
  const chosen = new Set<number>();
  for (let j = m - k; j < m; j++) {
    const t = random.integer(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Array.from(chosen, (index) => (candidates === undefined ? index : candidates[index]));
}
