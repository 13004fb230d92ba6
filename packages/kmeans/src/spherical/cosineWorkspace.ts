import type { Matrix } from '@mixkit/core';
import { allocateKernelArrays, rowSquaredNorms } from '@mixkit/linalg';
import { normalizeRowsInto } from './normalizedRows.js';

/** Rows per block of the n x k similarity computation (a block of results stays in cache). */
export const BLOCK_ROWS = 256;

/**
 * Per-fit memory of spherical k-means: the unit rows and a block of results, together in one
 * WebAssembly kernel memory when available (so linalg's SIMD distance kernel reads them without
 * copying), plus the rows' squared norms and the centres'.
 */
export interface CosineWorkspace {
  /** The rows, divided by their norms. */
  readonly unit: Matrix;
  readonly block: Float64Array;
  readonly rowNorms: Float64Array;
  readonly centerNorms: Float64Array;
}

/**
 * The workspace of a fit (or predict) of `k` centres on the rows of `X`, normalised into it.
 * Throws `InvalidInputError` naming a row of norm 0: it has no direction (see `normalizedRows`).
 */
export function cosineWorkspace(X: Matrix, k: number, argument = 'X'): CosineWorkspace {
  const { rows, cols } = X;
  const blockLength = Math.min(BLOCK_ROWS, rows) * k;
  const [unitData, block] = allocateKernelArrays([rows * cols, blockLength]) ?? [
    new Float64Array(rows * cols),
    new Float64Array(blockLength),
  ];
  if (unitData === undefined || block === undefined) throw new Error('unreachable');
  normalizeRowsInto(X, unitData, argument);
  const unit: Matrix = { rows, cols, data: unitData };
  return { unit, block, rowNorms: rowSquaredNorms(unit), centerNorms: new Float64Array(k) };
}
