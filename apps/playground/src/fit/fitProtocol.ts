import type {
  ClustererResult,
  MclustSummary,
  MethodRequest,
  VariationalSummary,
} from '../methods/methodProtocol.js';
import type { ComponentKind, CovarianceChoice, InitName } from '../state/playgroundState.js';

/**
 * Messages between the page and `fitWorker.ts`. Everything is plain data (numbers, strings,
 * typed arrays) so it crosses `postMessage` by structured clone; the big arrays are transferred.
 */

/** What to fit: the data and the model, all the worker needs (it holds no state between fits). */
export interface FitRequest {
  /** Row-major n x d data. */
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly families: readonly ComponentKind[];
  readonly covariance: CovarianceChoice;
  readonly init: InitName;
  readonly seed: number;
  /** What clusters the data, with its settings; absent: EM (`families`, `covariance`, `init`). */
  readonly method?: MethodRequest;
  /**
   * Points at which the worker evaluates each component's density for the 1-D view (only used
   * when `cols === 1`); empty for none.
   */
  readonly densityGrid: Float64Array;
}

/** One component as drawn: its weight, mean and covariance (moment-matched for non-Gaussians). */
export interface ComponentSummary {
  readonly kind: ComponentKind;
  readonly weight: number;
  /** Length d. */
  readonly mean: Float64Array;
  /** Row-major d x d. */
  readonly covariance: Float64Array;
  /** True when mean and covariance are the family's own parameters, false when moment-matched. */
  readonly exact: boolean;
  /** weight * density at each `densityGrid` point (1-D view), else empty. */
  readonly density: Float64Array;
  /** Student t: the degrees of freedom ν (`mean` is its location, `covariance` its scale Σ). */
  readonly dof?: number;
  /** von Mises–Fisher: the concentration κ (`mean` is its unit mean direction). */
  readonly concentration?: number;
  /**
   * von Mises–Fisher: the angle (radians) whose cosine is the rows' mean cosine to the mean
   * direction, arccos A_p(κ): how far the component's directions spread.
   */
  readonly spread?: number;
  /** Variational mixture: less than one row's worth of expected membership (an unused component). */
  readonly unused?: boolean;
}

/** The state of EM after one iteration (iteration 0 is the initialisation). */
export interface EmSnapshot {
  readonly iteration: number;
  /**
   * Mean log-likelihood per row of the parameters in `components` (the variational mixture: its
   * evidence lower bound, the objective it raises).
   */
  readonly logLikelihood: number;
  readonly components: readonly ComponentSummary[];
  /** Row-major n x k responsibilities under `components` (float32 is plenty for colors). */
  readonly responsibilities: Float32Array;
  /**
   * Each row's color (packed `0xrrggbb`) under these responsibilities: `soft` blends the
   * component colors in proportion, `hard` is the most likely component's. Made in the worker,
   * so the page only paints them.
   */
  readonly colors: { readonly soft: Uint32Array; readonly hard: Uint32Array };
}

/**
 * The state of k-means after one iteration: its assignment step (`labels`, each row to the
 * nearest of the previous centers, with `assignedInertia`), then its update step (`centers`, the
 * means of those labels, with `updatedInertia`). Snapshot 0 is the seeding: the initial centers,
 * no labels, NaN inertias.
 */
export interface KMeansSnapshot {
  readonly iteration: number;
  /** Inertia of `labels` under the centers they were assigned to (the previous snapshot's). */
  readonly assignedInertia: number;
  /** Inertia of `labels` under `centers` (never more than `assignedInertia`). */
  readonly updatedInertia: number;
  /** Row-major k x d centers after this iteration's update. */
  readonly centers: Float64Array;
  /** This iteration's assignment (empty for snapshot 0). */
  readonly labels: Int32Array;
}

/** A fitted mixture's numbers (EM, variational, or mclust's chosen model). */
export interface MixtureOutcome {
  readonly converged: boolean;
  readonly iterations: number;
  /** Mean log-likelihood per row of the fitted model (the final E-step). */
  readonly logLikelihood: number;
  /** mixkit's BIC (lower is better); absent for the variational mixture. */
  readonly bic?: number;
  readonly labels: Int32Array;
  readonly warnings: readonly string[];
}

/** The final result, exactly as the library reported it. */
export interface FitOutcome {
  /** The mixture (EM, variational, or mclust's chosen model); absent for a hard clusterer. */
  readonly em?: MixtureOutcome;
  /** Where the fit ran its loops over rows: `web-workers:N` or `in-thread` (fitExecutor). */
  readonly executor: string;
  /** k-means with the same k and seed, for the comparison panel. */
  readonly kmeans: {
    readonly converged: boolean;
    readonly iterations: number;
    readonly inertia: number;
    readonly labels: Int32Array;
  };
  /** The variational mixture's own numbers. */
  readonly variational?: VariationalSummary;
  /** mclust's selection table and choice. */
  readonly mclust?: MclustSummary;
  /** A hard clusterer's result (agglomerative, DBSCAN, OPTICS, HDBSCAN). */
  readonly clusterer?: ClustererResult;
}

/** The outcome of a mixture method: its `em` part is always there. */
export type MixtureFitOutcome = FitOutcome & { readonly em: MixtureOutcome };

export type WorkerRequest = {
  readonly type: 'fit';
  readonly id: number;
  readonly request: FitRequest;
};

export type WorkerMessage =
  | { readonly type: 'em-snapshot'; readonly id: number; readonly snapshot: EmSnapshot }
  | { readonly type: 'kmeans-snapshot'; readonly id: number; readonly snapshot: KMeansSnapshot }
  | { readonly type: 'done'; readonly id: number; readonly outcome: FitOutcome }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
