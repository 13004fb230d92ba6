import { type AnyComponentFamily, createMatrix, type Matrix } from '@mixkit/core';
import { ConformanceError, catchInvalidInput, logDensities } from '../helpers.js';

function expectRejected(
  check: string,
  family: AnyComponentFamily,
  X: Matrix,
  what: string,
  row?: number,
  column?: number,
): void {
  const outcome = catchInvalidInput(() => family.validate(X, 'X'));
  if (typeof outcome === 'string') {
    throw new ConformanceError(
      check,
      `validate with ${what} ${outcome} (expected InvalidInputError)`,
    );
  }
  if (outcome.argument !== 'X') {
    throw new ConformanceError(
      check,
      `validate with ${what} names argument ${outcome.argument}, not X`,
    );
  }
  if (row !== undefined && (outcome.row !== row || outcome.column !== column)) {
    throw new ConformanceError(
      check,
      `validate with ${what} at row ${row}, column ${column} reports row ${outcome.row}, column ${outcome.column}`,
    );
  }
}

function withValue(X: Matrix, row: number, column: number, value: number): Matrix {
  const copy = createMatrix(X.rows, X.cols, X.data.slice());
  copy.data[row * X.cols + column] = value;
  return copy;
}

/** Check 5a: valid data passes; NaN and ±Infinity are rejected at their row and column. */
export function checkValidateNonFinite(family: AnyComponentFamily, X: Matrix): void {
  family.validate(X, 'X');
  const row = Math.floor(X.rows / 2);
  for (let column = 0; column < X.cols; column++) {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectRejected(
        'validate-non-finite',
        family,
        withValue(X, row, column, value),
        String(value),
        row,
        column,
      );
    }
  }
}

/**
 * Check 5b: every listed out-of-support value is rejected by validate at its row and column, and
 * gets log-density -Infinity (not NaN, no exception).
 */
export function checkValidateSupport(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  invalid: readonly { readonly column: number; readonly value: number }[],
): void {
  const row = X.rows - 1;
  for (const { column, value } of invalid) {
    const bad = withValue(X, row, column, value);
    expectRejected('validate-support', family, bad, `value ${value}`, row, column);
    const logP = logDensities(family, params, bad);
    if (logP[row] !== Number.NEGATIVE_INFINITY) {
      throw new ConformanceError(
        'validate-support',
        `a row with ${value} in column ${column} has log-density ${logP[row]}, not -Infinity`,
      );
    }
  }
}

/** Check 5c: data without columns is rejected; with `fixed`, so are d − 1 and d + 1 columns. */
export function checkValidateDimension(
  family: AnyComponentFamily,
  X: Matrix,
  fixed: boolean,
): void {
  expectRejected('validate-dimension', family, createMatrix(X.rows, 0), 'no columns');
  if (!fixed) return;
  const d = X.cols;
  const wider = createMatrix(X.rows, d + 1);
  for (let i = 0; i < X.rows; i++) {
    wider.data.set(X.data.subarray(i * d, i * d + d), i * (d + 1));
    wider.data[i * (d + 1) + d] = X.data[i * d];
  }
  expectRejected('validate-dimension', family, wider, `${d + 1} columns`);
  if (d > 1) {
    const narrower = createMatrix(X.rows, d - 1);
    for (let i = 0; i < X.rows; i++)
      narrower.data.set(X.data.subarray(i * d, i * d + d - 1), i * (d - 1));
    expectRejected('validate-dimension', family, narrower, `${d - 1} columns`);
  }
}
