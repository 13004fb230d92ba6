import { buildContingency } from './contingency.js';
import { mutualInformationOf } from './information.js';

/**
 * Mutual information (in nats) between two labelings, as scikit-learn's `mutual_info_score`.
 * Not normalised: compare labelings with `normalizedMutualInformation` or
 * `adjustedMutualInformation` instead. Labels may be any safe integers.
 */
export function mutualInformation(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): number {
  return mutualInformationOf(buildContingency(labelsTrue, labelsPred));
}
