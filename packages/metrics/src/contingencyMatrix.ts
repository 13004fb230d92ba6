import { createMatrix, type Matrix } from '@mixkit/core';
import { buildContingency } from './contingency.js';

/** A dense contingency table with the labels its rows and columns stand for. */
export interface ContingencyTable {
  /** nClasses x nClusters counts: entry (i, j) counts rows of class `classes[i]` put in cluster `clusters[j]`. */
  readonly counts: Matrix;
  /** The distinct true labels, ascending (row order). */
  readonly classes: Float64Array;
  /** The distinct predicted labels, ascending (column order). */
  readonly clusters: Float64Array;
}

/**
 * The contingency table of two labelings, as scikit-learn's `contingency_matrix` (same row and
 * column order: sorted distinct labels). Labels may be any safe integers. The table is dense
 * (classes x clusters); the other metrics use a sparse form internally, so they stay O(n) even
 * when every point is its own cluster.
 */
export function contingencyMatrix(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): ContingencyTable {
  const table = buildContingency(labelsTrue, labelsPred);
  const nCols = table.clusters.length;
  const counts = createMatrix(table.classes.length, nCols);
  for (let t = 0; t < table.cellCount.length; t++) {
    counts.data[table.cellRow[t] * nCols + table.cellColumn[t]] = table.cellCount[t];
  }
  return { counts, classes: table.classes, clusters: table.clusters };
}
