import type {
  AnyComponentFamily,
  Clusterer,
  FitOptions,
  MatrixInput,
  MissingPolicy,
  ParamsOf,
} from '@mixkit/core';

/**
 * How EM finds its starting point. Every strategy except `params` yields initial
 * responsibilities, from which one M-step gives the initial parameters (after scikit-learn's
 * `_initialize_parameters`).
 * - `'k-means'`: labels of a short k-means run (k-means++ seeding, one run), one-hot. Default.
 * - `'k-means++'`: k-means++ seeds only; each component starts from its single seed row.
 * - `'random'`: uniform random responsibilities, normalised per row.
 * - `'random-from-data'`: k distinct random rows, one per component.
 * - `{kind: 'clusterer'}`: the labels (`predict`) of any hard clusterer fitted on the data.
 * - `{kind: 'labels'}`: given labels in [0, k); -1 leaves a row out of the initial M-step.
 * - `{kind: 'responsibilities'}`: a given n x k matrix (rows are normalised).
 * - `{kind: 'params'}`: given parameters per component (and optionally mixing weights).
 * - `{kind: 'adjusted'}`: the start of `base`, passed through `adjust` (e.g. replace some
 *   components' parameters, as scikit-learn's `means_init` does on top of its k-means start).
 */
export type MixtureInit<Params = unknown> =
  | 'k-means'
  | 'k-means++'
  | 'random'
  | 'random-from-data'
  | {
      /** Start from the labels of a hard clusterer. */
      readonly kind: 'clusterer';
      /** Fitted on the data; its `predict` labels start EM. */
      readonly clusterer: Clusterer;
    }
  | {
      /** Start from given labels. */
      readonly kind: 'labels';
      /** One label per row in [0, k); -1 leaves the row out of the initial M-step. */
      readonly labels: ArrayLike<number>;
    }
  | {
      /** Start from given responsibilities. */
      readonly kind: 'responsibilities';
      /** n x k; each row is normalised. */
      readonly responsibilities: MatrixInput;
    }
  | {
      /** Start from given parameters. */
      readonly kind: 'params';
      /** One parameter value per component. */
      readonly params: readonly Params[];
      /** Mixing weights (normalised); equal when absent. */
      readonly weights?: ArrayLike<number>;
    }
  | {
      /** Start from another strategy's start, changed by `adjust`. */
      readonly kind: 'adjusted';
      /** The strategy whose start is adjusted. */
      readonly base: MixtureInit<Params>;
      /** Returns the start to use, given the one `base` produced. */
      adjust(start: InitialParameters<Params>): InitialParameters<Params>;
    };

/** Parameters and mixing weights a restart starts from. */
export interface InitialParameters<Params = unknown> {
  /** One parameter value per component. */
  readonly params: readonly Params[];
  /** The mixing weights (summing to 1). */
  readonly weights: ArrayLike<number>;
}

/**
 * Components of a mixture: `nClusters` copies of one family, or one family per component.
 * `Family` is inferred from what you pass, so the fitted model is typed by its parameters.
 */
export type MixtureComponents<Family extends AnyComponentFamily = AnyComponentFamily> =
  | {
      /** The family of every component. */
      readonly family: Family;
      /** The number of components. */
      readonly nClusters: number;
    }
  | {
      /** One family per component (the same object may appear more than once). */
      readonly components: readonly Family[];
    };

/**
 * The E-step of EM. `'soft'`: responsibilities P(component | row), the objective is the
 * mixture log-likelihood (ordinary EM). `'hard'`: classification EM (CEM, Celeux & Govaert
 * 1992): each row is assigned wholly to its most probable component (ties to the lowest
 * index), the M-step is unchanged, and the objective is the classification log-likelihood
 * Σᵢ log(π_zᵢ f_zᵢ(xᵢ)), which CEM never decreases.
 */
export type EStep = 'soft' | 'hard';

/** The EM settings, shared by `Mixture`, `fitMixture` and `iterateEm`. */
export interface EmSettings<Params = unknown> {
  /** Initialisation strategy. Default `'k-means'`. */
  readonly init?: MixtureInit<Params>;
  /** Restarts (each from its own split of the random source); the best final objective wins. Default 1. */
  readonly nInit?: number;
  /**
   * Convergence threshold on the absolute change of the mean log-likelihood per sample between
   * iterations (scikit-learn's `tol`). Default 1e-3. 0 turns the check off (fixed iteration counts).
   */
  readonly tolerance?: number;
  /** Iteration limit per restart. Default 100. 0 means initialise only. */
  readonly maxIterations?: number;
  /**
   * Concentration alpha >= 1 of a symmetric Dirichlet prior on the mixing weights (MAP estimate
   * `(N_k + alpha - 1) / (N + k (alpha - 1))`). Default 1: no prior.
   */
  readonly weightConcentration?: number;
  /** Components whose parameters stay at their initial values. */
  readonly frozenComponents?: readonly number[];
  /** Keep the mixing weights at their initial values. Default false. */
  readonly freezeWeights?: boolean;
  /** Rows per block of the fused E/M pass. Default 16384 / k, clamped to [64, 1024]. */
  readonly blockSize?: number;
  /** Soft (EM) or hard (classification EM) E-step. Default `'soft'`. */
  readonly estep?: EStep;
  /**
   * Missing cells (NaN). `'error'` (default): NaN is invalid input, located by row and column.
   * `'marginalize'`: NaN cells are missing at random and are marginalised out of the likelihood,
   * each family by its `missingCells` treatment (a family without one is refused with
   * `UnsupportedMissingCellsError`); EM starts from the data with each missing cell at its
   * column's lower median (one completed copy of the data for the fit's duration), then runs on
   * the cells as they are. The fitted model remembers the policy: its `predict`,
   * `predictProba`, `score`, `scoreSamples` (and BIC/AIC/ICL) accept missing cells the same way.
   */
  readonly missing?: MissingPolicy;
}

/** Options of `Mixture` / `fitMixture`: the components and the EM settings. */
export type MixtureOptions<Family extends AnyComponentFamily = AnyComponentFamily> =
  MixtureComponents<Family> & EmSettings<ParamsOf<Family>>;

/** Per-data options of a fit, beyond core's `FitOptions` (sample weights, random, signal). */
export interface MixtureFitOptions extends FitOptions {
  /**
   * n x k prior probabilities of each row's component (semi-supervised fits): the E-step
   * multiplies them in, so a one-hot row fixes that row's component. Rows are normalised.
   */
  readonly priorProbabilities?: MatrixInput;
}
