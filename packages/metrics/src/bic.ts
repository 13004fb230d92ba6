import { assertCriterionArguments } from './assertArguments.js';

/**
 * Bayesian information criterion (Schwarz 1978): `-2 log L + p ln n`. Lower is better, as in
 * scikit-learn's `GaussianMixture.bic` (mclust reports the negative, where higher is better).
 *
 * @param logLikelihood - the TOTAL log-likelihood of the data (sum over rows, not the mean)
 * @param nParameters - number of free parameters of the model (integer >= 0)
 * @param nSamples - number of rows the model was fitted on (integer >= 1)
 */
export function bic(logLikelihood: number, nParameters: number, nSamples: number): number {
  assertCriterionArguments(logLikelihood, nParameters, nSamples);
  return -2 * logLikelihood + nParameters * Math.log(nSamples);
}
