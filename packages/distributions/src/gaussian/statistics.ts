import type { ComponentFamily } from '@mixkit/core';
import { combineMoments, type ScatterMode, weightedMeanScatter } from '@mixkit/linalg';

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

/** Statistics members shared by the Gaussian families, for full or diagonal scatter. */
export function gaussianStatistics(
  mode: ScatterMode,
): Pick<
  ComponentFamily<unknown, GaussianStats>,
  'createStats' | 'accumulate' | 'merge' | 'scale' | 'totalWeight'
> {
  let scratchMean = new Float64Array(0);
  let scratchScatter = new Float64Array(0);
  return {
    createStats(dimension) {
      return {
        weight: 0,
        mean: new Float64Array(dimension),
        scatter: new Float64Array(mode === 'full' ? dimension * dimension : dimension),
      };
    },
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
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
        return stats;
      }
      stats.weight = direct
        ? weight
        : combineMoments(stats.weight, stats.mean, stats.scatter, weight, mean, scatter, mode);
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
  for (let j = 0; j < stats.scatter.length; j++) stats.scatter[j]! *= factor;
  return stats;
}
