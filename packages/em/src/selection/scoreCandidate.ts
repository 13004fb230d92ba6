import {
  DegenerateComponentError,
  InvalidInputError,
  type Matrix,
  type RandomSource,
} from '@mixkit/core';
import { aic, bic, icl } from '@mixkit/metrics';
import type { FitMixtureOptions } from '../iterateEm.js';
import type { MixtureModel } from '../mixtureModel.js';
import type {
  MixtureSelection,
  SelectionCandidate,
  SelectionCriterion,
  SelectionRow,
  SelectMixtureOptions,
} from './selectionTypes.js';

/** The fit options of one candidate: shared settings, then the candidate's own. */
export function candidateFitOptions(
  candidate: SelectionCandidate,
  options: SelectMixtureOptions,
  random: RandomSource | number | undefined,
): FitMixtureOptions {
  const { candidates, grid, criterion, onCandidate, ...shared } = options;
  const { name, options: own, ...components } = candidate;
  return { ...shared, ...components, ...own, random: own?.random ?? random } as FitMixtureOptions;
}

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
    nComponents: model.nClusters,
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
    'nComponents' in candidate && candidate.nComponents !== undefined
      ? candidate.nComponents
      : ((candidate as { components?: readonly unknown[] }).components?.length ?? 0);
  return {
    name: candidate.name,
    nComponents: k,
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

/** The selection from the rows: the lowest criterion among the rows that did not fail. */
export function toSelection(
  criterion: SelectionCriterion,
  table: SelectionRow[],
  models: (MixtureModel | undefined)[],
): MixtureSelection {
  let bestIndex = -1;
  table.forEach((row, i) => {
    if (
      row.failure === undefined &&
      (bestIndex < 0 || row[criterion] < table[bestIndex]![criterion])
    ) {
      bestIndex = i;
    }
  });
  if (bestIndex < 0) {
    throw new InvalidInputError(
      { argument: 'candidates' },
      `every candidate failed; the first: ${table[0]?.failure}`,
    );
  }
  return {
    criterion,
    table,
    bestIndex,
    best: table[bestIndex]!,
    model: models[bestIndex]!,
    models,
  };
}
