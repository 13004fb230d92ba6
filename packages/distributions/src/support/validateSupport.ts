import {
  finitePrefix,
  InvalidInputError,
  type Matrix,
  UnsupportedMissingCellsError,
} from '@mixkit/core';

/**
 * The sets of values a family's columns may take.
 * - `real`: any finite number;
 * - `non-negative`: finite and >= 0;
 * - `positive`: finite and > 0;
 * - `count`: a non-negative integer;
 * - `binary`: exactly 0 or 1.
 */
export type Support = 'real' | 'non-negative' | 'positive' | 'count' | 'binary';

const DESCRIPTIONS: Record<Support, string> = {
  real: 'finite numbers',
  'non-negative': 'finite numbers >= 0',
  positive: 'finite numbers > 0',
  count: 'non-negative integer counts',
  binary: '0 or 1',
};

/** True when `value` lies in `support`. Not for hot loops: validation runs once per data set. */
export function inSupport(value: number, support: Support): boolean {
  if (!Number.isFinite(value)) return false;
  switch (support) {
    case 'real':
      return true;
    case 'non-negative':
      return value >= 0;
    case 'positive':
      return value > 0;
    case 'count':
      return value >= 0 && Number.isInteger(value);
    case 'binary':
      return value === 0 || value === 1;
  }
}

/** Checks that `X` is a well-formed matrix with at least one column (and `cols` columns if given). */
export function validateShape(X: Matrix, argument: string, family: string, cols?: number): void {
  if (X == null || !(X.data instanceof Float64Array) || X.data.length !== X.rows * X.cols) {
    throw new InvalidInputError({ argument }, `${family}: expected a Matrix over a Float64Array`);
  }
  if (X.cols < 1) throw new InvalidInputError({ argument, value: X.cols }, 'rows have no columns');
  if (cols !== undefined && X.cols !== cols) {
    throw new InvalidInputError({ argument, value: X.cols }, `${family}: expected ${cols} columns`);
  }
}

/** Whether a family's `validate` accepts missing cells (NaN in the rows `missingRows` marks). */
export type MissingCellsAccepted = 'accept-missing' | 'refuse-missing';

/**
 * Throws `UnsupportedMissingCellsError(family)` when `X` has missing cells and the family does
 * not accept them; returns the row marks to skip NaN by otherwise (undefined: no missing cell).
 */
export function missingRowsFor(
  X: Matrix,
  family: string,
  missing: MissingCellsAccepted,
  detail?: string,
): Uint8Array | undefined {
  const marks = X.missingRows;
  if (marks !== undefined && missing === 'refuse-missing') {
    throw new UnsupportedMissingCellsError(family, detail);
  }
  return marks;
}

/**
 * Throws `InvalidInputError` (argument, row, column, value) at the first entry of `X` outside
 * `support`, after checking the shape with `validateShape`. With `'accept-missing'`, NaN in a row
 * that `X.missingRows` marks is a missing cell and passes; with `'refuse-missing'` (the default)
 * data with missing cells throws `UnsupportedMissingCellsError` naming `family`.
 */
export function validateSupport(
  X: Matrix,
  argument: string,
  family: string,
  support: Support,
  cols?: number,
  missing: MissingCellsAccepted = 'refuse-missing',
): void {
  validateShape(X, argument, family, cols);
  const marks = missingRowsFor(X, family, missing);
  const { data, cols: d } = X;
  // Real support is finiteness: skip the blocks of eight that are all finite (`finitePrefix`),
  // then locate a failure value by value.
  const start = support === 'real' ? finitePrefix(data) : 0;
  for (let index = start; index < data.length; index++) {
    const value = data[index];
    if (!inSupport(value, support)) {
      if (Number.isNaN(value) && marks?.[Math.floor(index / d)] === 1) continue;
      throw new InvalidInputError(
        { argument, row: Math.floor(index / d), column: index % d, value },
        `${family} data must be ${DESCRIPTIONS[support]}`,
      );
    }
  }
}
