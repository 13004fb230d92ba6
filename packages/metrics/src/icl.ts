import { InvalidInputError, type Matrix } from '@mixkit/core';
import { assertCriterionArguments } from './assertArguments.js';
import { bic } from './bic.js';

/**
 * Integrated completed likelihood criterion, in its BIC approximation (Biernacki, Celeux &
 * Govaert 2000, eq. 13 with the sign flipped to "lower is better"): `BIC + 2 E`, where
 * `E = -sum_i sum_k r_ik log r_ik` is the entropy of the soft classification. ICL penalises
 * overlapping components, so it tends to choose fewer, better-separated clusters than BIC.
 *
 * @param logLikelihood - the TOTAL log-likelihood of the data
 * @param nParameters - number of free parameters of the model
 * @param nSamples - number of rows (must equal `responsibilities.rows`)
 * @param responsibilities - n x k posterior probabilities; each row should sum to 1. Entries
 *   must be finite and in [0, 1] (up to 1e-9 of rounding); `0 log 0` counts as 0.
 */
export function icl(
  logLikelihood: number,
  nParameters: number,
  nSamples: number,
  responsibilities: Matrix,
): number {
  assertCriterionArguments(logLikelihood, nParameters, nSamples);
  if (responsibilities.rows !== nSamples) {
    throw new InvalidInputError(
      { argument: 'responsibilities', value: responsibilities.rows },
      `expected one row per sample (${nSamples})`,
    );
  }
  const { data, cols } = responsibilities;
  if (data.length !== nSamples * cols) {
    throw new InvalidInputError(
      { argument: 'responsibilities', value: data.length },
      `data length does not match the shape ${nSamples}x${cols}`,
    );
  }
  let entropy = 0;
  for (let idx = 0; idx < data.length; idx++) {
    const r = data[idx];
    // `!(...)` also catches NaN. Normalised exponentials can exceed 1 by an ulp or two, so a
    // hair above 1 is accepted (its r log r is a negligible negative).
    if (!(r >= 0 && r <= 1 + 1e-9)) {
      throw new InvalidInputError(
        { argument: 'responsibilities', row: Math.floor(idx / cols), column: idx % cols, value: r },
        'responsibilities must be probabilities in [0, 1]',
      );
    }
    if (r > 0) entropy -= r * Math.log(r);
  }
  return bic(logLikelihood, nParameters, nSamples) + 2 * entropy;
}
