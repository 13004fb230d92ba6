import { buildContingency } from './contingency.js';
import { pairConfusionOf } from './pairConfusion.js';

/**
 * Rand index (Rand 1971): the fraction of pairs of rows on which two labelings agree (both
 * together or both apart), as scikit-learn's `rand_score`. Not adjusted for chance: prefer
 * `adjustedRandIndex` to compare clusterings.
 */
export function randIndex(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const pairs = pairConfusionOf(buildContingency(labelsTrue, labelsPred));
  const agree = pairs.together + pairs.apart;
  const total = agree + pairs.onlyPredicted + pairs.onlyTrue;
  if (agree === total || total === 0) return 1;
  return agree / total;
}
