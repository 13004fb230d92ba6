import { assertInteger, assertNumber } from '@mixkit/core';

/**
 * Checks the arguments shared by the information criteria. A log-likelihood of NaN or
 * +-Infinity (e.g. a collapsed component) is rejected rather than scored, so it can never be
 * chosen as the best model silently.
 */
export function assertCriterionArguments(
  logLikelihood: number,
  nParameters: number,
  nSamples?: number,
): void {
  assertNumber(logLikelihood, 'logLikelihood');
  assertInteger(nParameters, 'nParameters', 0);
  if (nSamples !== undefined) assertInteger(nSamples, 'nSamples', 1);
}
