import { assertSameLength, encodeLabels } from './encodeLabels.js';

/**
 * The contingency table of two labelings in sparse form: only non-zero cells are stored (in
 * row-major order), so "every point its own cluster" costs O(n), not O(n^2), as in scikit-learn's
 * `contingency_matrix(sparse=True)`. Rows are the distinct true classes in ascending order,
 * columns the distinct predicted clusters in ascending order.
 */
export interface SparseContingency {
  readonly nSamples: number;
  /** The distinct true labels (row order). */
  readonly classes: Float64Array;
  /** The distinct predicted labels (column order). */
  readonly clusters: Float64Array;
  /** Row sums: size of each true class. */
  readonly classSizes: Float64Array;
  /** Column sums: size of each predicted cluster. */
  readonly clusterSizes: Float64Array;
  /** Row of each non-zero cell. */
  readonly cellRow: Int32Array;
  /** Column of each non-zero cell. */
  readonly cellColumn: Int32Array;
  /** Count of each non-zero cell (> 0). */
  readonly cellCount: Float64Array;
}

/**
 * Validates both labelings (typed errors for empty input, non-integers, NaN, mismatched lengths)
 * and tabulates them. Counting is direct into a dense table when it is small (at most about 8n
 * cells), and otherwise by sorting the combined cell keys, which stays O(n log n) and O(n) memory.
 */
export function buildContingency(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): SparseContingency {
  const truth = encodeLabels(labelsTrue, 'labelsTrue');
  const pred = encodeLabels(labelsPred, 'labelsPred');
  assertSameLength(labelsTrue, labelsPred, 'labelsPred', 'labelsTrue');
  const n = truth.codes.length;
  const nRows = truth.values.length;
  const nCols = pred.values.length;
  const classSizes = new Float64Array(nRows);
  const clusterSizes = new Float64Array(nCols);
  for (let i = 0; i < n; i++) {
    classSizes[truth.codes[i]] += 1;
    clusterSizes[pred.codes[i]] += 1;
  }
  const cells = nRows * nCols;
  let rowOf: Int32Array;
  let colOf: Int32Array;
  let countOf: Float64Array;
  if (cells <= 8 * n + 1024) {
    const dense = new Float64Array(cells);
    for (let i = 0; i < n; i++) dense[truth.codes[i] * nCols + pred.codes[i]] += 1;
    let nonzero = 0;
    for (let c = 0; c < cells; c++) if (dense[c] > 0) nonzero++;
    rowOf = new Int32Array(nonzero);
    colOf = new Int32Array(nonzero);
    countOf = new Float64Array(nonzero);
    let t = 0;
    for (let c = 0; c < cells; c++) {
      if (dense[c] > 0) {
        rowOf[t] = Math.floor(c / nCols);
        colOf[t] = c % nCols;
        countOf[t++] = dense[c];
      }
    }
  } else {
    // Keys row * nCols + col are exact in doubles: cells <= n^2 < 2^53 for any n below 9e7.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = truth.codes[i] * nCols + pred.codes[i];
    keys.sort();
    let nonzero = 1;
    for (let i = 1; i < n; i++) if (keys[i] !== keys[i - 1]) nonzero++;
    rowOf = new Int32Array(nonzero);
    colOf = new Int32Array(nonzero);
    countOf = new Float64Array(nonzero);
    let t = -1;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      if (i === 0 || key !== keys[i - 1]) {
        t++;
        rowOf[t] = Math.floor(key / nCols);
        colOf[t] = key % nCols;
      }
      countOf[t] += 1;
    }
  }
  return {
    nSamples: n,
    classes: truth.values,
    clusters: pred.values,
    classSizes,
    clusterSizes,
    cellRow: rowOf,
    cellColumn: colOf,
    cellCount: countOf,
  };
}
