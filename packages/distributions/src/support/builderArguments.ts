import { InvalidInputError } from '@mixkit/core';

/**
 * Argument checks of the parameter builders (`gaussianFullParams`, `poissonParams`, ...), so
 * a malformed argument is an `InvalidInputError` naming the builder's own argument (`mean`,
 * `covariance`) rather than an internal one, and a nested array is read as rows.
 */

/** A non-empty array of finite numbers, copied. */
export function numberVector(values: unknown, argument: string, length?: number): Float64Array {
  if (
    values == null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<unknown>).length !== 'number'
  ) {
    throw new InvalidInputError({ argument, value: values }, 'expected an array of numbers');
  }
  const list = values as ArrayLike<unknown>;
  if (list.length === 0 || (length !== undefined && list.length !== length)) {
    throw new InvalidInputError(
      { argument, value: list.length },
      `expected ${length ?? 'at least one'} numbers`,
    );
  }
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const nested = v != null && typeof v === 'object';
      throw new InvalidInputError(
        { argument, row: i, value: v },
        nested ? 'expected numbers, not nested arrays' : 'expected a finite number',
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * A d x d matrix given as d rows of d numbers or flat (row-major, d·d numbers), copied flat.
 */
export function squareMatrix(values: unknown, d: number, argument: string): Float64Array {
  if (
    values == null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<unknown>).length !== 'number'
  ) {
    throw new InvalidInputError({ argument, value: values }, `expected a ${d} x ${d} matrix`);
  }
  const list = values as ArrayLike<unknown>;
  const first = list[0];
  if (first == null || typeof first !== 'object') return numberVector(list, argument, d * d);
  if (list.length !== d) {
    throw new InvalidInputError(
      { argument, value: list.length },
      `expected ${d} rows (a ${d} x ${d} matrix, d from the mean)`,
    );
  }
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const row = list[i];
    if (row == null || typeof row !== 'object' || (row as ArrayLike<unknown>).length !== d) {
      throw new InvalidInputError(
        { argument, row: i, value: row },
        `expected a row of ${d} numbers`,
      );
    }
    for (let j = 0; j < d; j++) {
      const v = (row as ArrayLike<unknown>)[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError(
          { argument, row: i, column: j, value: v },
          'expected a finite number',
        );
      }
      out[i * d + j] = v;
    }
  }
  return out;
}
