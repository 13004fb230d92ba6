import type { ComponentFamily, Matrix } from '@mixkit/core';
import type { ScatterMode } from '@mixkit/linalg';
import { type GaussianStats, gaussianStatistics, scaleMoments } from '../gaussian/statistics.js';
import type { LatentScaleSums } from './studentTDof.js';

/**
 * Statistics of a Student-t component: Σw (`weight`), the moments of x weighted by w·u
 * (`moments`: Σw·u, the w·u-weighted mean and scatter), and the latent-scale sums of the rows
 * accumulated under current parameters (`latent`, for the ν step). All linear in the weights.
 */
export interface StudentTStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·u and the w·u-weighted mean and scatter of x. */
  readonly moments: GaussianStats;
  /** The latent-scale sums, for the ν step. */
  readonly latent: LatentScaleSums;
}

/** What the shared accumulation needs of a family's parameters. */
export interface LatentScaleParams {
  readonly dof: number;
}

/**
 * Writes the squared Mahalanobis distances of rows [start, end) under `params` to
 * `out[0..end − start)` (the full family through the precision Cholesky factor, the diagonal one
 * through the precisions).
 */
export type SquaredDistancesOf<P> = (
  params: P,
  X: Matrix,
  start: number,
  end: number,
  out: Float64Array,
) => void;

/**
 * The statistics members of the Student-t families. `accumulate` is the E-step of the t's
 * scale-mixture representation x | u ~ N(μ, Σ/u), u ~ Gamma(ν/2, ν/2): given the component's
 * current parameters it weights each row by w·u, u = (ν + d)/(ν + δ²) = E[u | x] (Peel &
 * McLachlan 2000, eq. 26), so rows far from the location pull less on it, and adds the latent
 * sums the ν step reads. Without current parameters (the M-step from a hard assignment) u = 1:
 * the moments are the Gaussian ones and no latent sums are added.
 *
 * The distances and the w·u weights of a call go to scratch arrays owned by this family
 * instance, grown to the largest row range seen (a runner calls with one block at a time).
 */
export function studentTStatistics<P extends LatentScaleParams>(
  mode: ScatterMode,
  distances: SquaredDistancesOf<P>,
): Pick<
  ComponentFamily<P, StudentTStats>,
  'createStats' | 'accumulate' | 'merge' | 'scale' | 'totalWeight'
> {
  const moments = gaussianStatistics(mode);
  let scratchDistances = new Float64Array(0);
  let scratchWeights = new Float64Array(0);
  return {
    createStats: (dimension) => ({
      weight: 0,
      moments: moments.createStats(dimension),
      latent: { weight: 0, dofWeight: 0, scale: 0, logScale: 0, squaredScale: 0 },
    }),
    accumulate(stats, X, start, end, weights, weightOffset, weightStride, current) {
      const n = end - start;
      if (current === undefined) {
        for (let i = 0, w = weightOffset; i < n; i++, w += weightStride) stats.weight += weights[w];
        moments.accumulate(stats.moments, X, start, end, weights, weightOffset, weightStride);
        return stats;
      }
      if (scratchDistances.length < n) {
        scratchDistances = new Float64Array(n);
        scratchWeights = new Float64Array(n);
      }
      distances(current, X, start, end, scratchDistances);
      const nu = current.dof;
      const d = X.cols;
      const latent = stats.latent;
      for (let i = 0, w = weightOffset; i < n; i++, w += weightStride) {
        const weight = weights[w];
        if (weight === 0) {
          scratchWeights[i] = 0;
          continue;
        }
        const u = (nu + d) / (nu + scratchDistances[i]);
        scratchWeights[i] = weight * u;
        stats.weight += weight;
        latent.weight += weight;
        latent.dofWeight += weight * nu;
        latent.scale += weight * u;
        latent.logScale += weight * Math.log(u);
        latent.squaredScale += weight * u * u;
      }
      moments.accumulate(stats.moments, X, start, end, scratchWeights, 0, 1);
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      moments.merge(target.moments, source.moments);
      const a = target.latent;
      const b = source.latent;
      a.weight += b.weight;
      a.dofWeight += b.dofWeight;
      a.scale += b.scale;
      a.logScale += b.logScale;
      a.squaredScale += b.squaredScale;
      return target;
    },
    scale(stats, factor) {
      stats.weight *= factor;
      scaleMoments(stats.moments, factor);
      const latent = stats.latent;
      latent.weight *= factor;
      latent.dofWeight *= factor;
      latent.scale *= factor;
      latent.logScale *= factor;
      latent.squaredScale *= factor;
      return stats;
    },
    totalWeight: (stats) => stats.weight,
  };
}
