import { buildContingency } from './contingency.js';

/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labelings: 1 for identical partitions
 * (up to renaming), about 0 for independent ones, possibly negative. Symmetric. Labels may be any
 * integers. Same as scikit-learn's `adjusted_rand_score`, which this follows exactly, including
 * its convention that two partitions with no disagreeing pair (e.g. both a single cluster, or
 * both all singletons) score 1.
 *
 * Computed from the pair-confusion matrix (`pair_confusion_matrix`) in O(n log n) time and
 * O(n) memory. Throws `InvalidInputError` for empty labels, non-integers/NaN or unequal lengths.
 */
export function adjustedRandIndex(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): number {
  const table = buildContingency(labelsTrue, labelsPred);
  const n = table.nSamples;
  let sumSquares = 0;
  let crossPred = 0; // sum over cells of n_ij * |cluster j|
  let crossTrue = 0; // sum over cells of n_ij * |class i|
  for (let t = 0; t < table.cellCount.length; t++) {
    const count = table.cellCount[t]!;
    sumSquares += count * count;
    crossPred += count * table.clusterSizes[table.cellColumn[t]!]!;
    crossTrue += count * table.classSizes[table.cellRow[t]!]!;
  }
  // Pair counts (ordered pairs, as scikit-learn): same/same, same-pred-only, same-true-only.
  const tp = sumSquares - n;
  const fp = crossPred - sumSquares;
  const fn = crossTrue - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
