import { DegenerateComponentError } from '@mixkit/core';
import type { GaussianStats } from '../statistics.js';

/**
 * What the M-step of a covariance model reads from the statistics of the G components it
 * estimates together: their weights nₖ, the total N = Σ nₖ, and the scatter matrices
 * Wₖ = Σᵢ zᵢₖ (xᵢ − μₖ)(xᵢ − μₖ)ᵀ (d x d row-major, or only their diagonals).
 */
export interface ScatterSet {
  readonly d: number;
  readonly G: number;
  readonly weights: Float64Array;
  readonly total: number;
  readonly scatters: readonly Float64Array[];
}

/**
 * The scatter set of `stats`, throwing `DegenerateComponentError('empty')` for a component
 * whose weight is not positive (mclust's M-steps stop when a column of z sums to less than
 * √ε; the EM runner re-seeds it instead).
 */
export function scatterSet(kind: string, stats: readonly GaussianStats[]): ScatterSet {
  const G = stats.length;
  const weights = new Float64Array(G);
  let total = 0;
  stats.forEach((s, k) => {
    if (!(s.weight > 0 && s.weight < Number.POSITIVE_INFINITY)) {
      throw new DegenerateComponentError(
        kind,
        'empty',
        `component ${k} has total weight ${s.weight}`,
      );
    }
    weights[k] = s.weight;
    total += s.weight;
  });
  return {
    d: G === 0 ? 0 : stats[0].mean.length,
    G,
    weights,
    total,
    scatters: stats.map((s) => s.scatter),
  };
}
