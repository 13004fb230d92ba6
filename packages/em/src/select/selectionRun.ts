import {
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomSource,
  resolveMissingPolicy,
  throwIfAborted,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import type { FitMixtureOptions } from '../run/iterateEm.js';
import { expandCandidates } from './expandCandidates.js';
import { failedRow, selectionRow } from './scoreCandidate.js';
import type {
  MixtureSelection,
  SelectionCandidate,
  SelectionCriterion,
  SelectionRow,
  SelectMixtureOptions,
} from './selectionTypes.js';

/** What fitting one candidate gave: its model, or the error the fit threw. */
export type CandidateFit = { readonly model: MixtureModel } | { readonly error: unknown };

/**
 * The bookkeeping of one model selection: the checked data, criterion and candidate list,
 * each candidate's fit options, its table row (from the model or the failure) and the best
 * row at the end. Shared by `selectMixture` and `selectMixtureAsync`; only the fit call
 * (sync or async) differs between them.
 */
export class SelectionRun {
  readonly data: Matrix;
  readonly candidates: readonly SelectionCandidate[];
  private readonly criterion: SelectionCriterion;
  private readonly random: RandomSource | undefined;
  private readonly table: SelectionRow[] = [];
  private readonly models: (MixtureModel | undefined)[] = [];

  constructor(
    X: MatrixInput,
    private readonly options: SelectMixtureOptions,
  ) {
    this.data = toMatrix(X, { missing: resolveMissingPolicy(options.missing) });
    this.criterion = resolveCriterion(options.criterion);
    this.candidates = expandCandidates(options);
    this.random = typeof options.random === 'object' ? toRandom(options.random) : undefined;
  }

  /**
   * The fit options of the next candidate, after checking the signal. A seed is given to
   * every candidate as is; a `RandomSource` is split once per candidate, in order.
   */
  fitOptions(candidate: SelectionCandidate): FitMixtureOptions {
    throwIfAborted(this.options.signal, 'selectMixture');
    const seed = this.random?.split() ?? (this.options.random as number | undefined);
    return candidateFitOptions(candidate, this.options, seed);
  }

  /** Adds the candidate's row (scored, or its failure; other errors rethrow) and reports it. */
  record(candidate: SelectionCandidate, fit: CandidateFit): void {
    const index = this.table.length;
    const row = this.rowOf(candidate, fit);
    this.table.push(row);
    this.models.push('model' in fit ? fit.model : undefined);
    this.options.onCandidate?.(row, index, this.candidates.length);
  }

  /** The table and the model that minimises the criterion (call after every `record`). */
  result(): MixtureSelection {
    return toSelection(this.criterion, this.table, this.models);
  }

  private rowOf(candidate: SelectionCandidate, fit: CandidateFit): SelectionRow {
    if ('error' in fit) return failedRow(candidate, fit.error);
    try {
      return selectionRow(candidate.name, fit.model, this.data);
    } catch (error) {
      return failedRow(candidate, error);
    }
  }
}

/** The criterion, checked (default `'bic'`). */
function resolveCriterion(criterion: SelectionCriterion | undefined): SelectionCriterion {
  const value = criterion ?? 'bic';
  if (value !== 'bic' && value !== 'aic' && value !== 'icl') {
    throw new InvalidInputError({ argument: 'criterion', value }, "expected 'bic', 'aic' or 'icl'");
  }
  return value;
}

/** The fit options of one candidate: shared settings, then the candidate's own. */
function candidateFitOptions(
  candidate: SelectionCandidate,
  options: SelectMixtureOptions,
  random: RandomSource | number | undefined,
): FitMixtureOptions {
  const { candidates, grid, criterion, onCandidate, ...shared } = options;
  const { name, options: own, ...components } = candidate;
  return { ...shared, ...components, ...own, random } as FitMixtureOptions;
}

/** The selection from the rows: the lowest criterion among the rows that did not fail. */
function toSelection(
  criterion: SelectionCriterion,
  table: SelectionRow[],
  models: (MixtureModel | undefined)[],
): MixtureSelection {
  let bestIndex = -1;
  table.forEach((row, i) => {
    if (
      row.failure === undefined &&
      (bestIndex < 0 || row[criterion] < table[bestIndex][criterion])
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
  const model = models[bestIndex];
  // A row without a failure always recorded its model; this narrows the type for the compiler.
  if (model === undefined) throw new Error(`selection row ${bestIndex} has no model`);
  return { criterion, table, bestIndex, best: table[bestIndex], model, models };
}
