import type { SparseContingency } from './contingency.js';

/**
 * Counts of ordered pairs of distinct rows (scikit-learn's `pair_confusion_matrix`):
 * `together` in both labelings, only in the predicted one, only in the true one, or in neither.
 * The four counts sum to n(n - 1).
 */
export interface PairConfusion {
  readonly together: number;
  readonly onlyPredicted: number;
  readonly onlyTrue: number;
  readonly apart: number;
}

/** Pair counts from the sparse table in O(non-zero cells), without enumerating pairs. */
export function pairConfusionOf(table: SparseContingency): PairConfusion {
  const n = table.nSamples;
  let sumSquares = 0;
  let crossPred = 0; // sum over cells of n_ij * |cluster j|
  let crossTrue = 0; // sum over cells of n_ij * |class i|
  for (let t = 0; t < table.cellCount.length; t++) {
    const count = table.cellCount[t];
    sumSquares += count * count;
    crossPred += count * table.clusterSizes[table.cellColumn[t]];
    crossTrue += count * table.classSizes[table.cellRow[t]];
  }
  const onlyPredicted = crossPred - sumSquares;
  const onlyTrue = crossTrue - sumSquares;
  return {
    together: sumSquares - n,
    onlyPredicted,
    onlyTrue,
    apart: n * n - onlyPredicted - onlyTrue - sumSquares,
  };
}
