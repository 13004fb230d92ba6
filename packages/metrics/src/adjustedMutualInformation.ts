import { generalizedAverage, toAverageMethod } from './averageMethod.js';
import { buildContingency } from './contingency.js';
import { expectedMutualInformationOf } from './expectedMutualInformation.js';
import { entropyOfSizes, mutualInformationOf } from './information.js';
import type { MutualInformationOptions } from './normalizedMutualInformation.js';

/**
 * Adjusted mutual information (Vinh, Epps & Bailey 2010):
 * `(MI - E[MI]) / (mean(H(true), H(pred)) - E[MI])`, 1 for identical partitions, about 0 for
 * independent ones. The expected MI is exact (hypergeometric model), as scikit-learn's
 * `adjusted_mutual_info_score`, whose conventions this follows: two single-cluster labelings
 * score 1, and a denominator that rounds to 0 is held at +-machine epsilon with its sign.
 */
export function adjustedMutualInformation(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
  options: MutualInformationOptions = {},
): number {
  const average = toAverageMethod(options.average);
  const table = buildContingency(labelsTrue, labelsPred);
  if (table.classSizes.length === 1 && table.clusterSizes.length === 1) return 1;
  const mi = mutualInformationOf(table);
  const emi = expectedMutualInformationOf(table);
  const hTrue = entropyOfSizes(table.classSizes, table.nSamples);
  const hPred = entropyOfSizes(table.clusterSizes, table.nSamples);
  let denominator = generalizedAverage(hTrue, hPred, average) - emi;
  // The normaliser is >= E[MI] in exact arithmetic; keep the sign when rounding breaks that.
  if (denominator < 0) denominator = Math.min(denominator, -Number.EPSILON);
  else denominator = Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}
