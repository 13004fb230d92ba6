import { assertCriterionArguments } from './assertArguments.js';

/**
 * Akaike information criterion (Akaike 1974): `-2 log L + 2p`. Lower is better, as in
 * scikit-learn's `GaussianMixture.aic`.
 *
 * @param logLikelihood - the TOTAL log-likelihood of the data (sum over rows, not the mean)
 * @param nParameters - number of free parameters of the model (integer >= 0)
 */
export function aic(logLikelihood: number, nParameters: number): number {
  assertCriterionArguments(logLikelihood, nParameters);
  return -2 * logLikelihood + 2 * nParameters;
}
