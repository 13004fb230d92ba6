import { type AverageMethod, generalizedAverage, toAverageMethod } from './averageMethod.js';
import { buildContingency } from './contingency.js';
import { entropyOfSizes, mutualInformationOf } from './information.js';

/** Options of `normalizedMutualInformation` and `adjustedMutualInformation`. */
export interface MutualInformationOptions {
  /** How the two entropies are averaged in the normaliser. Default `'arithmetic'` (sklearn's). */
  readonly average?: AverageMethod;
}

/**
 * Normalized mutual information `MI / mean(H(true), H(pred))` in [0, 1], as scikit-learn's
 * `normalized_mutual_info_score`. With the arithmetic mean it equals the V-measure. Conventions
 * as scikit-learn: two single-cluster labelings score 1; zero MI otherwise scores 0.
 */
export function normalizedMutualInformation(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
  options: MutualInformationOptions = {},
): number {
  const average = toAverageMethod(options.average);
  const table = buildContingency(labelsTrue, labelsPred);
  if (table.classSizes.length === 1 && table.clusterSizes.length === 1) return 1;
  const mi = mutualInformationOf(table);
  if (mi === 0) return 0;
  const hTrue = entropyOfSizes(table.classSizes, table.nSamples);
  const hPred = entropyOfSizes(table.clusterSizes, table.nSamples);
  return mi / generalizedAverage(hTrue, hPred, average);
}
