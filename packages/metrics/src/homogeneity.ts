import { homogeneityCompletenessVMeasure } from './homogeneityCompletenessVMeasure.js';

/** Homogeneity (scikit-learn's `homogeneity_score`): 1 when every cluster is a single class. */
export function homogeneity(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).homogeneity;
}
