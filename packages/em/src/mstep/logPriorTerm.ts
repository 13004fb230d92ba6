import type { AnyComponentFamily } from '@mixkit/core';

/**
 * The log prior density the M-step maximises together with the log-likelihood (up to a
 * constant): each component's `family.logPrior(params)` (families with pseudocounts or a
 * Beta/Dirichlet prior; absent means none) plus the symmetric Dirichlet(α) prior on the mixing
 * weights, (α − 1) Σ_c log π_c (`weightConcentration`; 0 for α = 1). EM with a MAP M-step
 * never decreases log-likelihood + this (Dempster, Laird & Rubin 1977, §3; the same argument
 * with the prior added to the Q function), so the runners report their sum as the objective.
 * Family-blind: it only calls the optional contract member.
 */
export function logPriorTerm(
  families: readonly AnyComponentFamily[],
  params: readonly unknown[],
  logWeights: Float64Array,
  weightConcentration: number,
): number {
  let total = 0;
  for (let c = 0; c < families.length; c++) {
    const logPrior = families[c].logPrior;
    if (logPrior !== undefined) total += logPrior(params[c]);
  }
  if (weightConcentration !== 1) {
    for (let c = 0; c < logWeights.length; c++) {
      total += (weightConcentration - 1) * logWeights[c];
    }
  }
  return total;
}
