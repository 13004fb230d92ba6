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
  const { initX: X, n, d, k, sampleWeight } = workspace;
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
  const seeds = createMatrix(k, d);
  let c = 0;
  for (const index of chosen) {
    const row = candidates === undefined ? index : candidates[index];
    seeds.data.set(X.data.subarray(row * d, (row + 1) * d), c * d);
    c++;
  }
  return { kind: 'seeds', seeds };
}
