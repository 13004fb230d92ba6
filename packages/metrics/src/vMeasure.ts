import {
  homogeneityCompletenessVMeasure,
  type VMeasureOptions,
} from './homogeneityCompletenessVMeasure.js';

/**
 * V-measure (scikit-learn's `v_measure_score`): the `beta`-weighted harmonic mean of homogeneity
 * and completeness; with `beta = 1` it equals `normalizedMutualInformation` (arithmetic).
 */
export function vMeasure(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
  options: VMeasureOptions = {},
): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred, options).vMeasure;
}
