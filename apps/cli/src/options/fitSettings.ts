import type { MissingPolicy } from '@mixkit/core';
import type { ClusterSelection } from '@mixkit/density';
import type { CovarianceType, GaussianModelName } from '@mixkit/distributions';
import type { WeightPrior } from '@mixkit/gaussian-mixture';
import type { LinkageMethod } from '@mixkit/hierarchical';
import type { ColumnSelection } from '../table/columnSelection.js';

export type { CovarianceType, GaussianModelName };

/**
 * What `mixkit fit` fits: a mixture by EM (`em`), k-means, a variational Bayesian Gaussian
 * mixture (`bayes`), agglomerative clustering, DBSCAN, OPTICS or HDBSCAN.
 */
export type Algorithm =
  | 'em'
  | 'kmeans'
  | 'bayes'
  | 'agglomerative'
  | 'dbscan'
  | 'optics'
  | 'hdbscan';

/**
 * The covariance of the Gaussian block: one of scikit-learn's four types, or one of mclust's
 * fourteen models (Σₖ = λₖ·Dₖ·Aₖ·Dₖᵀ, `gaussianModel(name)` of @mixkit/distributions).
 */
export type CovarianceName = CovarianceType | GaussianModelName;

/** How a mixture grid is fitted: mixkit's grid (k-means starts) or mclust's `Mclust()`. */
export type Selection = 'grid' | 'mclust';

/** The distances the neighbour-based algorithms take from the command line. */
export type DistanceMetric = 'euclidean' | 'manhattan' | 'cosine';

export type Criterion = 'bic' | 'aic' | 'icl';
/**
 * What to do with missing cells (empty or NA): refuse them (`error`, the default) or fit with
 * them, marginalised out of the likelihood (`marginalize`; core's `MissingPolicy`).
 */
export type { MissingPolicy };
/** Where the data is fitted: chosen by its size, or forced. */
export type OutOfCore = 'auto' | 'always' | 'never';
export type DecimalName = 'point' | 'comma';

export const algorithms: readonly Algorithm[] = [
  'em',
  'kmeans',
  'bayes',
  'agglomerative',
  'dbscan',
  'optics',
  'hdbscan',
];
export const criteria: readonly Criterion[] = ['bic', 'aic', 'icl'];
export const selections: readonly Selection[] = ['grid', 'mclust'];
export const distanceMetrics: readonly DistanceMetric[] = ['euclidean', 'manhattan', 'cosine'];
export const missingPolicies: readonly MissingPolicy[] = ['error', 'marginalize'];
export const outOfCoreChoices: readonly OutOfCore[] = ['auto', 'always', 'never'];
export const decimalNames: readonly DecimalName[] = ['point', 'comma'];

/**
 * The algorithm and the settings only it takes. Options shared by several algorithms (`--k`,
 * `--covariance`, the iteration settings) stay on `FitSettings`.
 */
export type MethodSettings =
  | { readonly algorithm: 'em'; readonly select: Selection }
  | { readonly algorithm: 'kmeans' }
  | {
      readonly algorithm: 'bayes';
      readonly covarianceType: CovarianceType;
      readonly weightPrior: WeightPrior;
      /** γ₀ or α₀ of the weight prior (the library's default 1/k when undefined). */
      readonly weightConcentration: number | undefined;
      /** Drop the unused components from the labels and the saved model. */
      readonly prune: boolean;
    }
  | {
      readonly algorithm: 'agglomerative';
      readonly linkage: LinkageMethod;
      readonly metric: DistanceMetric;
      /** Cut where merges reach this height instead of at `--k` clusters. */
      readonly height: number | undefined;
    }
  | {
      readonly algorithm: 'dbscan';
      readonly eps: number;
      readonly minPts: number;
      readonly metric: DistanceMetric;
    }
  | {
      readonly algorithm: 'optics';
      /** Largest neighbourhood radius the ordering looks at (undefined: unbounded). */
      readonly eps: number | undefined;
      /** The DBSCAN extraction that labels the rows. */
      readonly epsCluster: number;
      readonly minPts: number;
      readonly metric: DistanceMetric;
    }
  | {
      readonly algorithm: 'hdbscan';
      readonly minPts: number;
      readonly clusterSelection: ClusterSelection;
      readonly metric: DistanceMetric;
    };

/** How cells are read: the decimal mark and the texts that mean "no value". */
export interface CellSettings {
  readonly decimal: '.' | ',';
  /** Missing-value tokens: always the empty cell, plus `NA` unless `--na` says otherwise. */
  readonly missing: readonly string[];
}

/** Everything `mixkit fit` was asked to do, validated, with defaults filled in. */
export interface FitSettings {
  readonly data: string;
  readonly method: MethodSettings;
  /** Component counts to try (one entry: no selection). */
  readonly k: readonly number[];
  /** Covariances to try for the Gaussian columns (one entry: no selection). */
  readonly covariance: readonly CovarianceName[];
  readonly criterion: Criterion;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  readonly tolerance: number | undefined;
  readonly nInit: number;
  /**
   * Worker threads the fit's loops over rows may use (`--workers`; default one per core the
   * process may use); 0 keeps every pass in the calling thread. The fits give the same bits on
   * any number.
   */
  readonly workers: number;
  /** Added to the diagonal of every Gaussian covariance and Student-t scale (`regCovar`). */
  readonly regCovar: number | undefined;
  readonly proba: boolean;
  /** Also write each row's algorithm-specific scores (density algorithms). */
  readonly scores: boolean;
  readonly json: boolean;
  readonly columns: ColumnSelection;
  readonly cells: CellSettings;
  readonly missing: MissingPolicy;
  readonly outOfCore: OutOfCore;
  /** Most bytes the numeric data may take in memory before `auto` fits it out of core. */
  readonly memoryLimit: number;
  /**
   * Where an out-of-core fit writes its spill file (the data encoded once, read back by every
   * pass) and how that folder was chosen, for messages; undefined with `--no-spill` (every
   * pass re-parses the data file).
   */
  readonly spill: { readonly dir: string; readonly origin: string } | undefined;
  readonly delimiter: string | undefined;
  readonly labelsOut: string;
  readonly modelOut: string;
}

/** Everything `mixkit predict` was asked to do. */
export interface PredictSettings {
  readonly model: string;
  readonly data: string;
  readonly proba: boolean;
  readonly json: boolean;
  readonly delimiter: string | undefined;
  readonly cells: CellSettings;
  readonly labelsOut: string;
  readonly label: string | undefined;
}
