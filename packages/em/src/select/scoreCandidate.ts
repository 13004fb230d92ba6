import { DegenerateComponentError, InvalidInputError, type Matrix } from '@mixkit/core';
import { aic, bic, icl } from '@mixkit/metrics';
import type { MixtureModel } from '../model/mixtureModel.js';
import type { SelectionCandidate, SelectionRow } from './selectionTypes.js';

/**
 * The table row of a fitted model: the total log-likelihood (scikit-learn's `score(X) · n`),
 * the parameter count, and BIC, AIC and ICL from `@mixkit/metrics`.
 */
export function selectionRow(name: string, model: MixtureModel, X: Matrix): SelectionRow {
  const n = X.rows;
  const logLikelihood = model.score(X) * n;
  const p = model.nParameters();
  return {
    name,
    nClusters: model.nClusters,
    logLikelihood,
    nParameters: p,
    bic: bic(logLikelihood, p, n),
    aic: aic(logLikelihood, p),
    icl: icl(logLikelihood, p, n, model.predictProba(X)),
    converged: model.diagnostics.converged,
    iterations: model.diagnostics.iterations,
  };
}

/**
 * The row of a candidate whose fit failed on the data (too many components, a degenerate
 * start): such failures are reported in the table; anything else (an abort, a bug) rethrows.
 */
export function failedRow(candidate: SelectionCandidate, error: unknown): SelectionRow {
  if (!InvalidInputError.isInstance(error) && !DegenerateComponentError.isInstance(error)) {
    throw error;
  }
  const k =
    'nClusters' in candidate && candidate.nClusters !== undefined
      ? candidate.nClusters
      : ((candidate as { components?: readonly unknown[] }).components?.length ?? 0);
  return {
    name: candidate.name,
    nClusters: k,
    logLikelihood: Number.NaN,
    nParameters: Number.NaN,
    bic: Number.NaN,
    aic: Number.NaN,
    icl: Number.NaN,
    converged: false,
    iterations: 0,
    failure: error.message,
  };
}
