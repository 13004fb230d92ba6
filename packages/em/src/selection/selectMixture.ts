import {
  InvalidInputError,
  type MatrixInput,
  throwIfAborted,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import { fitMixture } from '../fitMixture.js';
import type { MixtureModel } from '../mixtureModel.js';
import { expandCandidates } from './expandCandidates.js';
import { candidateFitOptions, failedRow, selectionRow, toSelection } from './scoreCandidate.js';
import type {
  MixtureSelection,
  SelectionCriterion,
  SelectionRow,
  SelectMixtureOptions,
} from './selectionTypes.js';

/**
 * Fits every candidate mixture (explicit `candidates` and/or a `grid` of families × numbers of
 * components, any families, e.g. the four Gaussian covariance types or Poisson against
 * Gaussian on counts) with the same EM settings, scores each on the data by BIC, AIC and ICL
 * (from the families' free-parameter counts), and returns the table with the model that
 * minimises `criterion`, as mclust's `Mclust` does for Gaussians. A seed is given to every
 * candidate as is (each fit repeats alone); a `RandomSource` is split per candidate. A
 * candidate that cannot be fitted to the data is a table row with its `failure`.
 * `signal` and `onIteration` are passed to every fit; `onCandidate` follows each candidate.
 */
export function selectMixture(X: MatrixInput, options: SelectMixtureOptions): MixtureSelection {
  const data = toMatrix(X);
  const criterion = resolveCriterion(options.criterion);
  const candidates = expandCandidates(options);
  const random = typeof options.random === 'object' ? toRandom(options.random) : undefined;
  const table: SelectionRow[] = [];
  const models: (MixtureModel | undefined)[] = [];
  candidates.forEach((candidate, index) => {
    throwIfAborted(options.signal, 'selectMixture');
    const seed = random?.split() ?? (options.random as number | undefined);
    let model: MixtureModel | undefined;
    let row: SelectionRow;
    try {
      model = fitMixture(data, candidateFitOptions(candidate, options, seed));
      row = selectionRow(candidate.name, model, data);
    } catch (error) {
      row = failedRow(candidate, error);
    }
    table.push(row);
    models.push(model);
    options.onCandidate?.(row, index, candidates.length);
  });
  return toSelection(criterion, table, models);
}

/** The criterion, checked (default `'bic'`). */
export function resolveCriterion(criterion: SelectionCriterion | undefined): SelectionCriterion {
  const value = criterion ?? 'bic';
  if (value !== 'bic' && value !== 'aic' && value !== 'icl') {
    throw new InvalidInputError({ argument: 'criterion', value }, "expected 'bic', 'aic' or 'icl'");
  }
  return value;
}
