import { type AnyComponentFamily, createMatrix, type DataRanges, type Matrix } from '@mixkit/core';
import { accumulateAll, ConformanceError, sliceRows } from '../helpers.js';

/**
 * Check: wherever `forDataRanges` answers from a data set's column ranges, it agrees with
 * `forData` on the statistics of the same rows (unit weights): the same family (by `spec()`)
 * and the same warnings. Tried on the case's sample, its first two rows (where the ranges
 * bound the variances most tightly) and the first row repeated (constant columns). A family
 * with `forDataRanges` must have `forData`.
 */
export function checkForDataRanges(family: AnyComponentFamily, X: Matrix): void {
  const forDataRanges = family.forDataRanges;
  if (forDataRanges === undefined) return;
  if (family.forData === undefined) {
    throw new ConformanceError('for-data-ranges', 'forDataRanges without forData');
  }
  const repeated = new Float64Array(X.data.length);
  for (let i = 0; i < X.rows; i++) repeated.set(X.data.subarray(0, X.cols), i * X.cols);
  const sets: [string, Matrix][] = [
    ['the sample', X],
    ['its first two rows', sliceRows(X, 0, Math.min(2, X.rows))],
    ['its first row repeated', createMatrix(X.rows, X.cols, repeated)],
  ];
  for (const [name, data] of sets) {
    const settled = forDataRanges(columnRanges(data));
    if (settled === undefined) continue;
    const ones = new Float64Array(data.rows).fill(1);
    const fitted = family.forData(accumulateAll(family, data, ones));
    const specOf = (f: AnyComponentFamily | undefined): string => JSON.stringify(f?.spec());
    if (specOf(settled.family) !== specOf(fitted.family)) {
      throw new ConformanceError(
        'for-data-ranges',
        `on ${name}, forDataRanges gives family ${specOf(settled.family)}, forData ${specOf(fitted.family)}`,
      );
    }
    const warnings = JSON.stringify(settled.warnings);
    if (warnings !== JSON.stringify(fitted.warnings)) {
      throw new ConformanceError(
        'for-data-ranges',
        `on ${name}, forDataRanges warns ${warnings}, forData ${JSON.stringify(fitted.warnings)}`,
      );
    }
  }
}

/** Each column's smallest and largest value of `X`, with its row count. */
function columnRanges(X: Matrix): DataRanges {
  const columnMin = new Float64Array(X.cols).fill(Number.POSITIVE_INFINITY);
  const columnMax = new Float64Array(X.cols).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      const value = X.data[i * X.cols + j];
      columnMin[j] = Math.min(columnMin[j], value);
      columnMax[j] = Math.max(columnMax[j], value);
    }
  }
  return { rows: X.rows, columnMin, columnMax };
}
