import { type ComponentFamily, InvalidInputError, type Matrix } from '@mixkit/core';
import { combineMoments, type ScatterMode, weightedMeanScatter } from '@mixkit/linalg';
import {
  type ConditionableParams,
  ConditionalRows,
  type PrecisionForm,
} from './conditionalRows.js';

/**
 * Weighted moments of one component: total weight, weighted mean and scatter
 * Σ w (x − mean)(x − mean)ᵀ (d x d for full and tied, its diagonal for diag and spherical).
 * Merged with Chan's pairwise update, so data with a large offset (1e6 ± 1) stays accurate.
 */
export interface GaussianStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** The weighted mean (length d). */
  readonly mean: Float64Array;
  /** Σ w (x − mean)(x − mean)ᵀ: row-major d x d (full, tied) or its diagonal (diag, spherical). */
  readonly scatter: Float64Array;
}

/**
 * A chunk whose total weight is below this is treated as empty by `accumulate`: linalg's moment
 * kernels divide by the total, and 1/w overflows for subnormal w (the mean would become NaN).
 * Such a chunk carries no usable information next to any normal weight.
 */
export const NEGLIGIBLE_WEIGHT = 1e-300;

/**
 * Statistics members shared by the Gaussian families, for full or diagonal scatter. `form` says
 * how the families' parameters give the precision, for rows with missing cells: `accumulate`
 * adds such a row (marked in `X.missingRows`) completed with the conditional expectation of its
 * missing coordinates under `current`, and adds w·Cov[xₘ | xₒ] to the scatter's missing block
 * (its diagonal, for a diagonal scatter): Ghahramani & Jordan's (1994) expected sufficient
 * statistics, so `estimate` needs no change. The correction does not depend on the mean, so it
 * commutes with Chan's merge.
 */
export function gaussianStatistics(
  mode: ScatterMode,
  form: PrecisionForm = mode === 'full' ? 'cholesky' : 'diagonal',
): Pick<
  ComponentFamily<unknown, GaussianStats>,
  'createStats' | 'accumulate' | 'merge' | 'scale' | 'totalWeight'
> {
  let scratchMean = new Float64Array(0);
  let scratchScatter = new Float64Array(0);
  // Rows with missing cells: their weights masked out of the ordinary pass, their completed
  // copies and weights, and the conditioning scratch.
  let maskedWeights = new Float64Array(0);
  let completed = new Float64Array(0);
  let completedWeights = new Float64Array(0);
  let correction = new Float64Array(0);
  const conditional = new ConditionalRows(form);

  /** Adds the moments of rows [start, end) (zero weights skipped) into `stats`. */
  function addMoments(
    stats: GaussianStats,
    X: Matrix,
    start: number,
    end: number,
    weights: Float64Array,
    weightOffset: number,
    weightStride: number,
  ): number {
    // Empty stats (the common case: one pass per component per EM iteration) take the chunk's
    // moments directly; otherwise they go to scratch and are merged with Chan's update.
    const direct = stats.weight === 0;
    if (!direct && scratchMean.length !== stats.mean.length) {
      scratchMean = new Float64Array(stats.mean.length);
      scratchScatter = new Float64Array(stats.scatter.length);
    }
    const mean = direct ? stats.mean : scratchMean;
    const scatter = direct ? stats.scatter : scratchScatter;
    const weight = weightedMeanScatter(
      X,
      start,
      end,
      weights,
      weightOffset,
      weightStride,
      mean,
      scatter,
      mode,
    );
    if (weight < NEGLIGIBLE_WEIGHT) {
      if (direct) {
        stats.mean.fill(0);
        stats.scatter.fill(0);
      }
      return 0;
    }
    stats.weight = direct
      ? weight
      : combineMoments(stats.weight, stats.mean, stats.scatter, weight, mean, scatter, mode);
    return weight;
  }

  /**
   * The rows of [start, end) that `X.missingRows` marks and that have weight: the ordinary pass
   * reads the others (marked rows masked to weight 0), then the marked rows, completed under
   * `current`, are added with the conditional covariance.
   */
  function addWithMissingRows(
    stats: GaussianStats,
    X: Matrix,
    marks: Uint8Array,
    start: number,
    end: number,
    weights: Float64Array,
    weightOffset: number,
    weightStride: number,
    marked: number,
    current: ConditionableParams | undefined,
  ): void {
    if (current === undefined) {
      throw new InvalidInputError(
        { argument: 'current' },
        "rows with missing cells need the component's current parameters (the conditional " +
          'treatment); fit initial statistics on completed data',
      );
    }
    const d = X.cols;
    const n = end - start;
    if (maskedWeights.length < n) maskedWeights = new Float64Array(n);
    if (completedWeights.length < marked || completed.length < marked * d) {
      completedWeights = new Float64Array(marked);
      completed = new Float64Array(marked * d);
    }
    const scatterLength = mode === 'full' ? d * d : d;
    if (correction.length !== scatterLength) correction = new Float64Array(scatterLength);
    correction.fill(0);
    let m = 0;
    for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
      const weight = weights[w];
      const isMarked = marks[i] === 1;
      maskedWeights[i - start] = isMarked ? 0 : weight;
      if (!isMarked || weight === 0) continue;
      conditional.complete(current, X.data, i, d);
      const x = conditional.x;
      for (let j = 0; j < d; j++) completed[m * d + j] = x[j];
      completedWeights[m++] = weight;
      addCorrection(conditional, current, weight, d);
    }
    addMoments(stats, X, start, end, maskedWeights, 0, 1);
    // The completed rows as a matrix of their own (its data sized exactly, as kernels check).
    const rows = {
      rows: m,
      cols: d,
      data: completed.length === m * d ? completed : completed.subarray(0, m * d),
    };
    const added = addMoments(stats, rows, 0, m, completedWeights, 0, 1);
    if (added === 0) return;
    for (let e = 0; e < scatterLength; e++) stats.scatter[e] += correction[e];
  }

  /** Adds w·Cov[xₘ | xₒ] of the row just completed into `correction` (scatter layout). */
  function addCorrection(
    rows: ConditionalRows,
    current: ConditionableParams,
    weight: number,
    d: number,
  ): void {
    const q = rows.missingCount;
    if (q === 0) return;
    const covariance = rows.conditionalCovariance(current);
    const { missing } = rows;
    for (let s = 0; s < q; s++) {
      const a = missing[s];
      if (mode === 'diagonal') {
        correction[a] += weight * covariance[s * q + s];
        continue;
      }
      for (let t = 0; t < q; t++) correction[a * d + missing[t]] += weight * covariance[s * q + t];
    }
  }

  return {
    createStats(dimension) {
      return {
        weight: 0,
        mean: new Float64Array(dimension),
        scatter: new Float64Array(mode === 'full' ? dimension * dimension : dimension),
      };
    },
    accumulate(stats, X, start, end, weights, weightOffset, weightStride, current) {
      const marks = X.missingRows;
      if (marks !== undefined) {
        let marked = 0;
        for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
          marked += +(marks[i] === 1 && weights[w] !== 0);
        }
        if (marked > 0) {
          const params = current as ConditionableParams | undefined;
          addWithMissingRows(
            stats,
            X,
            marks,
            start,
            end,
            weights,
            weightOffset,
            weightStride,
            marked,
            params,
          );
          return stats;
        }
      }
      addMoments(stats, X, start, end, weights, weightOffset, weightStride);
      return stats;
    },
    merge(target, source) {
      target.weight = combineMoments(
        target.weight,
        target.mean,
        target.scatter,
        source.weight,
        source.mean,
        source.scatter,
        mode,
      );
      return target;
    },
    scale: scaleMoments,
    totalWeight: (stats) => stats.weight,
  };
}

/**
 * `scale` of moment statistics (weight, mean, scatter): the weight and the scatter are sums
 * linear in the weights; the mean is a ratio of such sums, so it is unchanged. Shared with the
 * log-normal family, whose statistics are the same moments of log x.
 */
export function scaleMoments<S extends { weight: number; readonly scatter: Float64Array }>(
  stats: S,
  factor: number,
): S {
  stats.weight *= factor;
  for (let j = 0; j < stats.scatter.length; j++) stats.scatter[j] *= factor;
  return stats;
}
