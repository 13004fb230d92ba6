import type { AnyComponentFamily } from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import type { EmSettings, MixtureComponents, MixtureFitOptions } from '../run/mixtureOptions.js';

/** The criterion a selection minimises (all three: lower is better). */
export type SelectionCriterion = 'bic' | 'aic' | 'icl';

/** One model to fit: its components, a name for the table, and settings of its own. */
export type SelectionCandidate = MixtureComponents & {
  /** Shown in the table, e.g. `'full'` or `'poisson'`. */
  readonly name: string;
  /** EM settings for this candidate only, over the shared ones (e.g. its own `init`). */
  readonly options?: EmSettings;
};

/** A grid of candidates: every family (by name) with every number of components. */
export interface SelectionGrid {
  /** The numbers of components to try. */
  readonly nClusters: readonly number[];
  /** The families to try, by the name shown in the table. */
  readonly families: Readonly<Record<string, AnyComponentFamily>>;
}

/** Options of `selectMixture`: what to fit, how to judge it, and the shared EM settings. */
export type SelectMixtureOptions = EmSettings &
  Omit<MixtureFitOptions, 'sampleWeight'> & {
    /** Explicit candidates (fitted first, in order). */
    readonly candidates?: readonly SelectionCandidate[];
    /** A grid, expanded family by family, k ascending (after `candidates`). */
    readonly grid?: SelectionGrid;
    /** Default `'bic'`. */
    readonly criterion?: SelectionCriterion;
    /** Called after each candidate is fitted and scored (e.g. to print progress). */
    readonly onCandidate?: (row: SelectionRow, index: number, total: number) => void;
  };

/** One line of the selection table. */
export interface SelectionRow {
  /** The candidate's name. */
  readonly name: string;
  /** Number of components. */
  readonly nClusters: number;
  /** Total log-likelihood of the data under the fitted model. */
  readonly logLikelihood: number;
  /** Free parameters (the families' counts, shared ones once, and k − 1 weights). */
  readonly nParameters: number;
  /** Bayesian information criterion, −2 log L + p log n. */
  readonly bic: number;
  /** Akaike information criterion, −2 log L + 2p. */
  readonly aic: number;
  /** Integrated completed likelihood: BIC plus twice the entropy of the responsibilities. */
  readonly icl: number;
  /** True when the fit converged. */
  readonly converged: boolean;
  /** Iterations the kept restart ran. */
  readonly iterations: number;
  /**
   * Why the fit failed (e.g. more components than rows, a degenerate start), when it did: the
   * numbers are then NaN and the row is never the best.
   */
  readonly failure?: string;
}

/** What `selectMixture` returns. */
export interface MixtureSelection {
  /** The criterion the best row minimises. */
  readonly criterion: SelectionCriterion;
  /** One row per candidate, in fitting order. */
  readonly table: readonly SelectionRow[];
  /** Index into `table` (and `models`) of the lowest criterion value. */
  readonly bestIndex: number;
  /** `table[bestIndex]`. */
  readonly best: SelectionRow;
  /** The best model. */
  readonly model: MixtureModel;
  /** Every fitted model, aligned with `table` (undefined where the fit failed). */
  readonly models: readonly (MixtureModel | undefined)[];
}
