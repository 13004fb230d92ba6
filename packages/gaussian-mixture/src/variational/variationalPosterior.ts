import type { CovarianceType, GaussianParamsByType, GaussianStats } from '@mixkit/distributions';
import { digamma } from '@mixkit/linalg';
import type { VariationalPrior, WeightPrior } from './variationalPrior.js';
import type { WishartStrategy } from './wishart/wishartStrategy.js';

/**
 * The variational posterior of a Bayesian Gaussian mixture (scikit-learn's fitted attributes):
 * Dirichlet concentrations αₖ (or the stick-breaking Beta(aₖ, bₖ) of a Dirichlet process), and
 * per component a Gaussian–Wishart: precision βₖ and mean mₖ of the mean, degrees of freedom νₖ
 * and the covariance Sₖ = Wₖ⁻¹/νₖ, held as the covariance type's Gaussian parameters (mₖ, Sₖ).
 */
export interface VariationalPosterior<T extends CovarianceType> {
  /** nₖ, the responsibility totals the posterior was computed from. */
  readonly counts: Float64Array;
  /** αₖ (Dirichlet distribution) or aₖ = 1 + nₖ (Dirichlet process). */
  readonly concentration: Float64Array;
  /** bₖ = γ₀ + Σ_{l>k} n_l (Dirichlet process only). */
  readonly concentrationRest: Float64Array | undefined;
  /** βₖ, the precision of each mean's Gaussian posterior (`mean_precision_`). */
  readonly meanPrecision: Float64Array;
  /** νₖ, the Wishart posterior's degrees of freedom (`degrees_of_freedom_`). */
  readonly degreesOfFreedom: Float64Array;
  /** The point parameters (posterior means and covariances) of each component. */
  readonly params: GaussianParamsByType[T][];
}

/** The variational M-step (scikit-learn's `_estimate_weights`, `_estimate_means`, `_estimate_precisions`). */
export function updatePosterior<T extends CovarianceType>(
  stats: readonly GaussianStats[],
  counts: Float64Array,
  prior: VariationalPrior,
  weightPrior: WeightPrior,
  wishart: WishartStrategy<T>,
  regCovar: number,
): VariationalPosterior<T> {
  const K = counts.length;
  const nk = Float64Array.from(counts);
  let concentration: Float64Array;
  let concentrationRest: Float64Array | undefined;
  if (weightPrior === 'dirichlet-process') {
    concentration = nk.map((n) => 1 + n);
    // γ₀ + Σ_{l>k} n_l, summed from the last component as numpy's cumsum of the reversed counts.
    concentrationRest = new Float64Array(K);
    let tail = 0;
    for (let k = K - 1; k >= 0; k--) {
      concentrationRest[k] = prior.weightConcentration + tail;
      tail += nk[k];
    }
  } else {
    concentration = nk.map((n) => prior.weightConcentration + n);
  }
  const meanPrecision = nk.map((n) => prior.meanPrecision + n);
  const { degreesOfFreedom, params } = wishart.update(stats, nk, meanPrecision, prior, regCovar);
  return { counts: nk, concentration, concentrationRest, meanPrecision, degreesOfFreedom, params };
}

/** E[log πₖ] (scikit-learn's `_estimate_log_weights`). */
export function expectedLogWeights<T extends CovarianceType>(
  posterior: VariationalPosterior<T>,
): Float64Array {
  const { concentration: a, concentrationRest: b } = posterior;
  const K = a.length;
  const out = new Float64Array(K);
  if (b === undefined) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += a[k];
    const digammaSum = digamma(sum);
    for (let k = 0; k < K; k++) out[k] = digamma(a[k]) - digammaSum;
    return out;
  }
  // Stick breaking: E[log vₖ] + Σ_{l<k} E[log(1 − v_l)].
  let broken = 0;
  for (let k = 0; k < K; k++) {
    const digammaSum = digamma(a[k] + b[k]);
    out[k] = digamma(a[k]) - digammaSum + broken;
    broken += digamma(b[k]) - digammaSum;
  }
  return out;
}

/**
 * The constant the variational E-step adds to log N(x | mₖ, Sₖ) for component k (scikit-learn's
 * `_estimate_log_prob`): −½ d log νₖ + ½ (d log 2 + Σⱼ ψ((νₖ − j)/2) − d/βₖ).
 */
export function logDensityShifts<T extends CovarianceType>(
  posterior: VariationalPosterior<T>,
  d: number,
): Float64Array {
  return posterior.degreesOfFreedom.map((nu, k) => {
    let logLambda = d * Math.LN2;
    for (let j = 0; j < d; j++) logLambda += digamma(0.5 * (nu - j));
    return -0.5 * d * Math.log(nu) + 0.5 * (logLambda - d / posterior.meanPrecision[k]);
  });
}

/** The mixing weights of the posterior (scikit-learn's `weights_`), normalised. */
export function posteriorWeights<T extends CovarianceType>(
  posterior: VariationalPosterior<T>,
): Float64Array {
  const { concentration: a, concentrationRest: b } = posterior;
  const K = a.length;
  const weights = new Float64Array(K);
  if (b === undefined) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += a[k];
    for (let k = 0; k < K; k++) weights[k] = a[k] / sum;
    return weights;
  }
  let remaining = 1;
  for (let k = 0; k < K; k++) {
    const sum = a[k] + b[k];
    weights[k] = (a[k] / sum) * remaining;
    remaining *= b[k] / sum;
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += weights[k];
  for (let k = 0; k < K; k++) weights[k] /= total;
  return weights;
}
