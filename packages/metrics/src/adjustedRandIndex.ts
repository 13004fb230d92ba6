import { buildContingency } from './contingency.js';
import { pairConfusionOf } from './pairConfusion.js';

/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labelings: 1 for identical partitions
 * (up to renaming), about 0 for independent ones, possibly negative. Symmetric. Labels may be any
 * integers. Same as scikit-learn's `adjusted_rand_score`, which this follows exactly, including
 * its convention that two partitions with no disagreeing pair (e.g. both a single cluster, or
 * both all singletons) score 1.
 *
 * Computed from the pair-confusion counts in O(n log n) time and O(n) memory.
 * Throws `InvalidInputError` for empty labels, non-integers/NaN or unequal lengths.
 */
export function adjustedRandIndex(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): number {
  const pairs = pairConfusionOf(buildContingency(labelsTrue, labelsPred));
  const tp = pairs.together;
  const fp = pairs.onlyPredicted;
  const fn = pairs.onlyTrue;
  const tn = pairs.apart;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
