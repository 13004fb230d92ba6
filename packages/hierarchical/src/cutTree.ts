import { assertInteger, assertNumber, InvalidInputError } from '@mixkit/core';

/** Where to cut a dendrogram: into a number of clusters, or below a height. */
export type Cut =
  | {
      /** Cut into this many clusters. */
      readonly nClusters: number;
    }
  | {
      /** Undo the merges at or above this height. */
      readonly distanceThreshold: number;
    };

/**
 * Flat labels from a SciPy-layout linkage ((n − 1) x 4, row-major) over n rows.
 * - `{nClusters: k}`: undo the last k − 1 merges (scikit-learn's `_hc_cut`).
 * - `{distanceThreshold: t}`: as scikit-learn, k = 1 + the number of merges at height >= t, then
 *   as above; for a monotone tree these are exactly the merges below t.
 * Clusters are numbered 0, 1, ... in order of their first row.
 */
export function cutTree(linkage: Float64Array, n: number, cut: Cut): Int32Array {
  const merges = linkage.length / 4;
  if (!Number.isInteger(merges) || merges !== Math.max(0, n - 1)) {
    throw new InvalidInputError(
      { argument: 'linkage', value: linkage.length },
      `expected ${Math.max(0, n - 1)} rows of 4`,
    );
  }
  let k: number;
  if ('nClusters' in cut) {
    assertInteger(cut.nClusters, 'nClusters', 1, n);
    k = cut.nClusters;
  } else {
    assertNumber(cut.distanceThreshold, 'distanceThreshold', { min: 0 });
    k = 1;
    for (let m = 0; m < merges; m++) if (linkage[4 * m + 2] >= cut.distanceThreshold) k++;
  }
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  // A row of each cluster id, so merges of ids become unions of rows.
  const row = new Int32Array(n + merges);
  for (let i = 0; i < n; i++) row[i] = i;
  for (let m = 0; m < merges; m++) {
    const a = linkage[4 * m];
    const b = linkage[4 * m + 1];
    if (
      !(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < n + m && b < n + m)
    ) {
      throw new InvalidInputError(
        { argument: 'linkage', row: m, value: `${a},${b}` },
        'merge ids must name earlier clusters',
      );
    }
    row[n + m] = row[a];
    if (m < n - k) parent[find(row[a])] = find(row[b]);
  }
  const labels = new Int32Array(n);
  const code = new Int32Array(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (code[r] < 0) code[r] = next++;
    labels[i] = code[r];
  }
  return labels;
}
