import { symmetricEigen } from '@mixkit/linalg';
import { singular } from './innerControl.js';

/** exp(±708/709): mclust's SMALOG/BIGLOG guards on a log-mean before exponentiating it. */
const BIGLOG = 709;
const SMALOG = -708;

/**
 * The geometric mean (Π xⱼ)^(1/d) of `values[offset .. offset + d)`, computed as mclust does:
 * exp of the mean log, 0 when that underflows; a mean log above 709 (overflow) is singular.
 */
export function geometricMean(kind: string, values: Float64Array, offset = 0, d = values.length) {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += Math.log(values[offset + j]);
  const meanLog = sum / d;
  if (meanLog > BIGLOG) throw singular(kind, 'a determinant overflows');
  return meanLog > SMALOG ? Math.exp(meanLog) : 0;
}

/** The smallest of `values`. */
export function minimum(values: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let j = 0; j < values.length; j++) if (values[j] < min) min = values[j];
  return min;
}

/** A d x d diagonal matrix with `diagonal[j]·factor` on its diagonal. */
export function diagonalCovariance(d: number, diagonal: ArrayLike<number>, factor = 1) {
  const out = new Float64Array(d * d);
  for (let j = 0; j < d; j++) out[j * d + j] = diagonal[j] * factor;
  return out;
}

/**
 * Σ = factor · D·diag(values)·Dᵀ for an orthogonal D whose column j is the axis of `values[j]`
 * (row-major d x d), written symmetric (each entry computed once and mirrored).
 */
export function composeCovariance(
  d: number,
  D: Float64Array,
  values: ArrayLike<number>,
  factor = 1,
  valuesOffset = 0,
): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let l = i; l < d; l++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += D[i * d + j] * values[valuesOffset + j] * D[l * d + j];
      out[i * d + l] = sum * factor;
      out[l * d + i] = sum * factor;
    }
  }
  return out;
}

/**
 * Eigenvalues of a symmetric d x d matrix in decreasing order (as LAPACK's SVD of a scatter
 * matrix gives them in mclust) and the matching eigenvectors as the columns of `vectors`.
 */
export function eigenDescending(d: number, W: Float64Array) {
  const { values, vectors } = symmetricEigen(d, W);
  const descending = new Float64Array(d);
  const axes = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const source = d - 1 - j;
    descending[j] = values[source];
    for (let i = 0; i < d; i++) axes[i * d + j] = vectors[i * d + source];
  }
  return { values: descending, vectors: axes };
}
