import type { SparseContingency } from './contingency.js';

/**
 * Entropy (natural log) of a labeling from its cluster sizes, computed as scikit-learn's
 * `entropy`: `-sum (s/N)(log s - log N)`, where `log(s/N)` is split as `log s - log N` to keep
 * precision for small clusters. A single cluster has entropy 0.
 */
export function entropyOfSizes(sizes: Float64Array, n: number): number {
  if (sizes.length === 1) return 0;
  const logN = Math.log(n);
  let h = 0;
  for (let c = 0; c < sizes.length; c++) {
    const s = sizes[c];
    if (s > 0) h -= (s / n) * (Math.log(s) - logN);
  }
  return h;
}

/**
 * Mutual information (natural log) of the two labelings tabulated in `table`, term for term as
 * scikit-learn's `mutual_info_score`: each cell contributes
 * `(n_ij/N)(log n_ij - log N) + (n_ij/N)(log N + log N - log(a_i b_j))`; terms below machine
 * epsilon are dropped and the sum is clipped at 0, so independent labelings give exactly 0.
 */
export function mutualInformationOf(table: SparseContingency): number {
  if (table.classSizes.length === 1 || table.clusterSizes.length === 1) return 0;
  const n = table.nSamples;
  const logN = Math.log(n);
  let mi = 0;
  for (let t = 0; t < table.cellCount.length; t++) {
    const count = table.cellCount[t];
    const p = count / n;
    const outer = table.classSizes[table.cellRow[t]] * table.clusterSizes[table.cellColumn[t]];
    const term = p * (Math.log(count) - logN) + p * (-Math.log(outer) + logN + logN);
    if (Math.abs(term) >= Number.EPSILON) mi += term;
  }
  return Math.max(mi, 0);
}
