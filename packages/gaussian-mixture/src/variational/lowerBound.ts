import type { CovarianceType } from '@mixkit/distributions';
import { logGamma } from '@mixkit/linalg';
import type { VariationalPosterior } from './variationalPosterior.js';
import type { WishartStrategy } from './wishart/wishartStrategy.js';

/**
 * The evidence lower bound after an M-step, as scikit-learn's `_compute_lower_bound` writes it
 * (Bishop 2006, §10.2.2, with the terms that cancel right after the M-step left out):
 * H[q(Z)] − Σₖ log B(Wₖ, νₖ) − log C(α) − ½ d Σₖ log βₖ, where H[q(Z)] = −Σᵢₖ rᵢₖ log rᵢₖ is the
 * entropy of the E-step's responsibilities, log B the Wishart normaliser and log C the
 * Dirichlet's (for a Dirichlet process, −Σₖ log Beta(aₖ, bₖ)).
 */
export function lowerBound<T extends CovarianceType>(
  posterior: VariationalPosterior<T>,
  entropy: number,
  wishart: WishartStrategy<T>,
  d: number,
): number {
  let logWishart = 0;
  posterior.params.forEach((params, k) => {
    const nu = posterior.degreesOfFreedom[k];
    const logDet = wishart.logDetPrecisionCholesky(params) - 0.5 * d * Math.log(nu);
    let gammas = 0;
    for (let j = 0; j < d; j++) gammas += logGamma(0.5 * (nu - j));
    logWishart -= nu * logDet + nu * d * 0.5 * Math.LN2 + gammas;
  });
  const { concentration: a, concentrationRest: b } = posterior;
  let logNormWeight = 0;
  if (b === undefined) {
    let sum = 0;
    for (let k = 0; k < a.length; k++) {
      sum += a[k];
      logNormWeight -= logGamma(a[k]);
    }
    logNormWeight += logGamma(sum);
  } else {
    for (let k = 0; k < a.length; k++) {
      logNormWeight -= logGamma(a[k]) + logGamma(b[k]) - logGamma(a[k] + b[k]);
    }
  }
  let logPrecisions = 0;
  for (const beta of posterior.meanPrecision) logPrecisions += Math.log(beta);
  return entropy - logWishart - logNormWeight - 0.5 * d * logPrecisions;
}
