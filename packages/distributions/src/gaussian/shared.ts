import { type FamilySpec, InvalidInputError, isPreparedData, type Matrix } from '@mixkit/core';
import type { ScatterMode } from '@mixkit/linalg';
import {
  type MissingCellsAccepted,
  missingRowsFor,
  validateShape,
} from '../support/validateSupport.js';
import {
  type ConditionableParams,
  ConditionalRows,
  type PrecisionForm,
} from './conditionalRows.js';
import {
  type RegCovar,
  type Regularization,
  regularizationJson,
  resolveRegularization,
} from './regularization.js';
import { gaussianStatistics } from './statistics.js';

/** Options shared by the Gaussian families. */
export interface GaussianOptions {
  /**
   * Added to the diagonal of every estimated covariance: a number (exactly scikit-learn's
   * `GaussianMixture(reg_covar=...)`), one number per column, or `{ relative: r }`, r times each
   * column's variance in the data being fitted (see `RegCovar`). It keeps covariances positive
   * definite when a component collapses onto a few points or a column is constant. Default
   * 1e-6; 0 disables it.
   */
  readonly regCovar?: RegCovar;
}

/** The validated `regCovar` of the options (default 1e-6). */
export function resolveRegCovar(options: GaussianOptions | undefined): Regularization {
  return resolveRegularization(options?.regCovar);
}

/**
 * Columns spanning more than this (max − min) have squared deviations beyond double precision's
 * range once summed over rows; spans below its reciprocal have squared deviations that
 * underflow. Either way no Gaussian variance can describe the column.
 */
const SPAN_LIMIT = 2 ** 500;

/**
 * `validate` of the Gaussian families (and the Student-t ones, whose scales are variances too):
 * finite values, and every column's span (max − min)
 * within double precision's reach for a variance: at most 2^500 (≈ 3e150), and 0 or at least
 * 2^-500. Data near 1e300 or 1e-300 is refused here with what to do, rather than fitted into
 * an overflowed covariance or one where the regularisation swamps every column.
 * With `'accept-missing'`, NaN in a row `X.missingRows` marks is a missing cell and passes (the
 * spans are those of the observed cells: NaN never compares below or above); with
 * `'refuse-missing'` (the default) data with missing cells throws `UnsupportedMissingCellsError`.
 */
export function validateGaussianData(
  X: Matrix,
  argument: string,
  kind: string,
  missing: MissingCellsAccepted = 'refuse-missing',
): void {
  validateShape(X, argument, kind);
  const marks = missingRowsFor(X, kind, missing);
  // Prepared data (`prepareData`) was checked when placed (finite, NaN only in marked rows) and
  // carries its column ranges: nothing to read again.
  const ranges = isPreparedData(X)
    ? { lowest: X.columnMin, highest: X.columnMax }
    : columnRanges(X, argument, kind, marks);
  checkSpans(ranges.lowest, ranges.highest, argument, kind);
}

/**
 * Each column's smallest and largest value, checking finiteness on the way (NaN passes in
 * marked rows). One row-major pass: a walk down each column in turn (stride `cols`) cost 16
 * cache-missing passes, ~300 ms at 1M x 16.
 */
function columnRanges(
  X: Matrix,
  argument: string,
  kind: string,
  marks: Uint8Array | undefined,
): { readonly lowest: Float64Array; readonly highest: Float64Array } {
  const { data, rows, cols } = X;
  const lowest = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  const highest = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0, index = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, index++) {
      const value = data[index];
      // value - value is NaN exactly for NaN and ±Infinity.
      if (value - value !== 0) {
        if (Number.isNaN(value) && marks?.[i] === 1) continue;
        throw new InvalidInputError(
          { argument, row: i, column: j, value },
          `${kind} data must be finite numbers`,
        );
      }
      if (value < lowest[j]) lowest[j] = value;
      if (value > highest[j]) highest[j] = value;
    }
  }
  return { lowest, highest };
}

/** Refuses a column whose span no double-precision variance can describe (see `SPAN_LIMIT`). */
function checkSpans(
  lowest: Float64Array,
  highest: Float64Array,
  argument: string,
  kind: string,
): void {
  for (let j = 0; j < lowest.length; j++) {
    const min = lowest[j];
    const max = highest[j];
    const span = max - min;
    if (span > SPAN_LIMIT) {
      throw new InvalidInputError(
        { argument, column: j, value: span },
        `${kind}: column ${j} spans ${span.toExponential(1)}, so its squared deviations overflow double precision and no variance can describe it; divide X by a constant such as 1e150`,
      );
    }
    if (span > 0 && span < 1 / SPAN_LIMIT) {
      throw new InvalidInputError(
        { argument, column: j, value: span },
        `${kind}: column ${j} varies only by ${span.toExponential(1)}, so its squared deviations underflow double precision and no variance can describe it; multiply X by a constant such as 1e150`,
      );
    }
  }
}

/** ½ d log 2π. */
function halfLogTwoPi(d: number): number {
  return 0.5 * d * Math.log(2 * Math.PI);
}

/**
 * A squared-distance kernel with linalg's `squaredMahalanobis` signature: writes
 * `shift + scale · distance` (and, if it takes one, `nanValue` where that is NaN).
 */
type SquaredDistances = (
  X: Matrix,
  start: number,
  end: number,
  mean: Float64Array,
  factor: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
  nanValue?: number,
) => Float64Array;

/** Parameters whose `F` field is the precision factor the distance kernel reads. */
type FactoredParams<F extends string> = ConditionableParams & { readonly [K in F]: Float64Array };

/**
 * The `logDensity` of a Gaussian family: `distances` writes, for each row of [start, end),
 * log N(x | mean, Σ) = log det U − ½ (d log 2π + distance) to
 * `out[outOffset + (i − start)·outStride]` (its `scale`/`shift` arguments apply the affine map in
 * the same pass; U is the precision Cholesky factor, read from `params[factor]`). NaN, from NaN
 * data, becomes -Infinity: in the same pass when the kernel `mapsNaN` (takes a `nanValue`),
 * else by a scan of `out` afterwards (a strided pass that cost 7% of a diagonal EM iteration).
 * Then each row that `X.missingRows` marks gets the marginal log-density of its observed cells
 * (`ConditionalRows.logDensity`, with `form` telling how `params` give the precision).
 */
export function logDensityFromDistances<F extends string>(
  distances: SquaredDistances,
  factor: F,
  form: PrecisionForm,
  mapsNaN = false,
) {
  return <P extends FactoredParams<F>>(
    params: P,
    X: Matrix,
    start: number,
    end: number,
    out: Float64Array,
    outOffset: number,
    outStride: number,
  ): Float64Array => {
    const { mean, logDetPrecisionCholesky } = params;
    const constant = logDetPrecisionCholesky - halfLogTwoPi(mean.length);
    const factors = params[factor];
    const minusInfinity = Number.NEGATIVE_INFINITY;
    distances(
      X,
      start,
      end,
      mean,
      factors,
      out,
      outOffset,
      outStride,
      -0.5,
      constant,
      minusInfinity,
    );
    if (!mapsNaN) {
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        if (Number.isNaN(out[o])) out[o] = Number.NEGATIVE_INFINITY;
      }
    }
    const marks = X.missingRows;
    if (marks === undefined) return out;
    // One conditioning scratch per call that meets a marked row (no module state).
    let rows: ConditionalRows | undefined;
    for (let i = start, o = outOffset; i < end; i++, o += outStride) {
      if (marks[i] !== 1) continue;
      rows ??= new ConditionalRows(form);
      out[o] = rows.logDensity(params, X.data, i, X.cols);
    }
    return out;
  };
}

/**
 * The members every Gaussian family shares: `kind`, `spec` (the `regCovar` as given, or as a
 * fit resolved it), `validate` (finite real data whose columns' variances double precision can
 * hold, NaN in rows marked as having missing cells), `missingCells` (`'conditional'`), the
 * moment statistics of {@link gaussianStatistics} with a full (`'full'`) or diagonal
 * (`'diagonal'`) scatter and parameters whose precision has the given `form`, and `dimension`
 * (the mean's length).
 */
export function gaussianBase(
  kind: string,
  regularization: Regularization,
  mode: ScatterMode,
  form: PrecisionForm = mode === 'full' ? 'cholesky' : 'diagonal',
) {
  return {
    kind,
    spec: (): FamilySpec => ({ kind, options: { regCovar: regularizationJson(regularization) } }),
    validate(X: Matrix, argument = 'X'): void {
      validateGaussianData(X, argument, kind, 'accept-missing');
    },
    missingCells: 'conditional' as const,
    // Means, covariances, factors and log-determinants: typed arrays of their own and numbers.
    plainParams: true as const,
    ...gaussianStatistics(mode, form),
    dimension: (params: { readonly mean: Float64Array }): number => params.mean.length,
  };
}
