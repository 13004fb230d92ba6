import { buildContingency } from './contingency.js';
import { pairConfusionOf } from './pairConfusion.js';

/**
 * Fowlkes-Mallows index (Fowlkes & Mallows 1983): the geometric mean of pairwise precision and
 * recall, `TP / sqrt((TP + FP)(TP + FN))`, as scikit-learn's `fowlkes_mallows_score` (0 when no
 * pair is together in both labelings).
 */
export function fowlkesMallows(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): number {
  const pairs = pairConfusionOf(buildContingency(labelsTrue, labelsPred));
  const tp = pairs.together;
  if (tp === 0) return 0;
  return Math.sqrt(tp / (tp + pairs.onlyPredicted)) * Math.sqrt(tp / (tp + pairs.onlyTrue));
}
