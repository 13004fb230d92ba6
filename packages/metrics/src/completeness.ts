import { homogeneityCompletenessVMeasure } from './homogeneityCompletenessVMeasure.js';

/** Completeness (scikit-learn's `completeness_score`): 1 when every class is a single cluster. */
export function completeness(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).completeness;
}
