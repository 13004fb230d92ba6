import {
  type ComponentFamily,
  DegenerateComponentError,
  InvalidInputError,
  type SerializedParams,
} from '@mixkit/core';
import { cholesky, invertLowerTriangular, logDetCholesky } from '@mixkit/linalg';
import { ParamsReader } from '../json/paramsReader.js';
import { regularizationAt } from './regularization.js';

/** Cholesky-derived caches of a covariance matrix. */
export interface CovarianceFactors {
  /** Lower L with Σ = L·Lᵀ (used by `sample`). */
  readonly covarianceCholesky: Float64Array;
  /** Upper U = L⁻ᵀ with Σ⁻¹ = U·Uᵀ (scikit-learn's `precisions_cholesky_`). */
  readonly precisionCholesky: Float64Array;
  /** log det U = −½ log det Σ. */
  readonly logDetPrecisionCholesky: number;
}

/**
 * Factors a d x d covariance as scikit-learn's `_compute_precision_cholesky` does: L = chol(Σ),
 * U = (L⁻¹)ᵀ. Returns the failing column when Σ is not (numerically) positive definite.
 */
function factorCovariance(
  d: number,
  covariance: Float64Array,
): CovarianceFactors | { readonly column: number; readonly pivot: number } {
  const result = cholesky(d, covariance);
  if (!result.ok) return { column: result.column, pivot: result.pivot };
  const L = result.factor;
  const U = transposedLower(d, invertLowerTriangular(d, L));
  return {
    covarianceCholesky: L,
    precisionCholesky: U,
    logDetPrecisionCholesky: -0.5 * logDetCholesky(d, L),
  };
}

/**
 * The transpose of a lower-triangular d x d matrix (upper triangular, zeros below). Its own
 * function so that V8 optimises the loop whole: inlined in `factorCovariance`, a fresh process
 * compiled the loop on-stack and the code after it, not yet run, de-optimised it at every call.
 */
function transposedLower(d: number, lower: Float64Array): Float64Array {
  const upper = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) upper[j * d + i] = lower[i * d + j];
  }
  return upper;
}

/**
 * Why a covariance (or variance) is unusable, with what to do: entries that overflowed (the
 * data's spread or the weights are beyond double precision, which no regularisation cures)
 * or a matrix that is finite but not positive definite (which a larger regCovar cures).
 */
export function covarianceProblem(covariance: Float64Array, detail: string): string {
  for (let t = 0; t < covariance.length; t++) {
    if (!Number.isFinite(covariance[t])) {
      return `the covariance is not finite (${covariance[t]}): the data's spread or the sample weights overflow double precision; divide X or sampleWeight by a constant`;
    }
  }
  return `${detail}; increase regCovar`;
}

/** `factorCovariance`, throwing DegenerateComponentError('singular') on failure (for estimate). */
export function factorEstimate(
  kind: string,
  d: number,
  covariance: Float64Array,
): CovarianceFactors {
  const factors = factorCovariance(d, covariance);
  if ('column' in factors) {
    throw new DegenerateComponentError(
      kind,
      'singular',
      covarianceProblem(
        covariance,
        `covariance is not positive definite (Cholesky pivot ${factors.pivot} at column ${factors.column})`,
      ),
    );
  }
  return factors;
}

/**
 * `factorCovariance`, throwing InvalidInputError on failure (for paramsFromJSON), naming the
 * document's `field` (default `covariance`).
 */
export function factorJson(
  kind: string,
  d: number,
  covariance: Float64Array,
  field = 'covariance',
): CovarianceFactors {
  const factors = factorCovariance(d, covariance);
  if ('column' in factors) {
    throw new InvalidInputError(
      { argument: `json.${field}`, row: factors.column, value: factors.pivot },
      `${kind}: ${field} is not positive definite`,
    );
  }
  return factors;
}

/**
 * Covariance = scatter / weight + diag(regCovar) (scikit-learn's M-step, with one amount per
 * column or one for all), written to `out`: a new d x d array unless given (`out` may be
 * `scatter` itself, for an in-place update).
 */
export function covarianceFromScatter(
  d: number,
  scatter: Float64Array,
  weight: number,
  regCovar: number | Float64Array,
  out = new Float64Array(d * d),
): Float64Array {
  // Row by row, each row's amount read before its loop: in a fresh process V8 compiles this
  // loop on-stack at d = 128, and a second loop after it (not yet run) de-optimised that code
  // at every call. The same operations per entry as dividing all, then adding the diagonal.
  for (let i = 0; i < d; i++) {
    const amount = regularizationAt(regCovar, i);
    for (let j = 0; j < d; j++) out[i * d + j] = scatter[i * d + j] / weight;
    out[i * d + i] += amount;
  }
  return out;
}

/** Reads a symmetric d x d matrix field written as rows (default `covariance`). */
export function readCovariance(
  reader: ParamsReader,
  kind: string,
  d: number,
  field = 'covariance',
): Float64Array {
  const argument = `json.${field}`;
  const rows = reader.numberRows(field);
  const covariance = new Float64Array(d * d);
  if (rows.length !== d) {
    throw new InvalidInputError({ argument, value: rows.length }, `${kind}: expected ${d} rows`);
  }
  rows.forEach((row, i) => {
    if (row.length !== d) {
      throw new InvalidInputError(
        { argument, row: i, value: row.length },
        `${kind}: expected ${d} columns`,
      );
    }
    covariance.set(row, i * d);
  });
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const a = covariance[i * d + j];
      const b = covariance[j * d + i];
      if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300)) {
        throw new InvalidInputError(
          { argument, row: i, column: j, value: a },
          `${kind}: ${field} is not symmetric`,
        );
      }
    }
  }
  return covariance;
}

/** A d x d row-major matrix as rows (for JSON). */
export function toRows(d: number, matrix: Float64Array): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from(matrix.subarray(i * d, i * d + d)));
}

/** Parameters with a mean and a full covariance (the full and tied families). */
interface FullCovarianceParams extends CovarianceFactors {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
}

/**
 * `paramsToJSON` / `paramsFromJSON` of the full and tied families, `{kind, version: 1, mean,
 * covariance}` with the covariance written as rows; reading checks its shape and symmetry and
 * refactors it (InvalidInputError when it is not positive definite).
 */
export function fullCovarianceJson(
  kind: string,
): Pick<ComponentFamily<FullCovarianceParams, unknown>, 'paramsToJSON' | 'paramsFromJSON'> {
  return {
    paramsToJSON: (params): SerializedParams => ({
      kind,
      version: 1,
      mean: Array.from(params.mean),
      covariance: toRows(params.mean.length, params.covariance),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, kind);
      const mean = reader.numbers('mean');
      const covariance = readCovariance(reader, kind, mean.length);
      return { mean, covariance, ...factorJson(kind, mean.length, covariance) };
    },
  };
}
