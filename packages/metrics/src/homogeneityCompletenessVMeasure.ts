import { assertNumber } from '@mixkit/core';
import { buildContingency } from './contingency.js';
import { entropyOfSizes, mutualInformationOf } from './information.js';

/** Options of the V-measure family. */
export interface VMeasureOptions {
  /**
   * Weight of homogeneity against completeness: above 1 favours completeness, below 1
   * homogeneity. Default 1 (the harmonic mean, equal to NMI with arithmetic averaging).
   */
  readonly beta?: number;
}

/** Homogeneity, completeness and their weighted harmonic mean, the V-measure. */
export interface VMeasureScores {
  /** 1 when each cluster holds members of a single class: MI / H(true). */
  readonly homogeneity: number;
  /** 1 when each class lies in a single cluster: MI / H(pred). */
  readonly completeness: number;
  /** `(1 + beta) h c / (beta h + c)`. */
  readonly vMeasure: number;
}

/**
 * Homogeneity, completeness and V-measure (Rosenberg & Hirschberg 2007) in one pass, as
 * scikit-learn's `homogeneity_completeness_v_measure` (a labeling with zero entropy scores 1
 * on the side that divides by it).
 */
export function homogeneityCompletenessVMeasure(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
  options: VMeasureOptions = {},
): VMeasureScores {
  const beta = options.beta ?? 1;
  assertNumber(beta, 'beta', { min: 0 });
  const table = buildContingency(labelsTrue, labelsPred);
  const hTrue = entropyOfSizes(table.classSizes, table.nSamples);
  const hPred = entropyOfSizes(table.clusterSizes, table.nSamples);
  const mi = mutualInformationOf(table);
  const homogeneity = hTrue !== 0 ? mi / hTrue : 1;
  const completeness = hPred !== 0 ? mi / hPred : 1;
  const vMeasure =
    homogeneity + completeness === 0
      ? 0
      : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}
