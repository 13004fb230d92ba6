import type { Matrix } from '@mixkit/core';
import { type AbstractMatrix, Matrix as MlMatrix, WrapperMatrix1D } from 'ml-matrix';
import { checkMatrix } from './internal/checks.js';

/**
 * An ml-matrix view of a mixkit `Matrix` that shares its buffer (a `WrapperMatrix1D`, no copy):
 * writes through the view change `m.data`. Use it to call ml-matrix algorithms (decompositions,
 * `solve`, `pseudoInverse`) on mixkit data. A matrix with 0 rows has no buffer to share and
 * becomes an empty ml-matrix `Matrix` of the same shape.
 */
export function toMlMatrix(m: Matrix): AbstractMatrix {
  checkMatrix(m, 'm');
  // WrapperMatrix1D infers columns = length / rows, which it rejects for 0 rows.
  if (m.rows === 0) return new MlMatrix(0, m.cols);
  return new WrapperMatrix1D(m.data, { rows: m.rows });
}

/** A mixkit `Matrix` holding a copy of any ml-matrix matrix (exactly one copy of the values). */
export function fromMlMatrix(m: AbstractMatrix): Matrix {
  const rows = m.rows;
  const cols = m.columns;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) data[row + j] = m.get(i, j);
  }
  return { rows, cols, data };
}
