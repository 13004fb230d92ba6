import type { FitDiagnostics } from './fitResult.js';
import type { JsonValue } from './json.js';
import type { Matrix, MatrixInput } from './matrix.js';
import type { FitOptions, IterationProgress } from './options.js';
import type { ShardProgram } from './shards/shardProgram.js';

/**
 * The label of a row that belongs to no cluster. Only density-based models (DBSCAN, OPTICS,
 * HDBSCAN) produce it; every other model labels each row with a cluster in [0, nClusters).
 */
export const NOISE = -1;

/** A fitted clustering: hard clusterers and mixtures both produce one. */
export interface ClusteringModel {
  /** Number of clusters / components (found by the fit for density-based clusterers). */
  readonly nClusters: number;
  /** Number of data columns the model was fitted on; `predict` requires the same. */
  readonly dimension: number;
  /** How the fit went. */
  readonly diagnostics: FitDiagnostics;
  /**
   * Labels of the rows the model was fitted on, when it kept them: equal to `predict` of the
   * training data, without computing it again.
   */
  readonly labels?: Int32Array;
  /**
   * Hard labels in [0, nClusters), one per row, or `NOISE` (-1) for rows a density-based model
   * assigns to no cluster. Throws `InvalidInputError` on a wrong dimension.
   */
  predict(X: MatrixInput): Int32Array;
  /** A JSON document from which the model's own `fromJSON` rebuilds it exactly. */
  toJSON(): JsonValue;
}

/** A fitted soft clustering (a mixture): every row gets a probability for every component. */
export interface SoftClusteringModel extends ClusteringModel {
  /** n x k responsibilities P(component | row); each row sums to 1. */
  predictProba(X: MatrixInput): Matrix;
  /** Log-likelihood of each row under the whole mixture. */
  scoreSamples(X: MatrixInput): Float64Array;
  /** Mean log-likelihood per row. */
  score(X: MatrixInput): number;
}

/**
 * Something that fits data into a `ClusteringModel`. Mixtures and k-means both implement it, so
 * apps can swap one for the other and any hard clusterer can seed EM.
 */
export interface Clusterer<Model extends ClusteringModel = ClusteringModel> {
  /**
   * Number of clusters it will fit, or `undefined` for clusterers that find the number themselves
   * (density-based ones); such a clusterer cannot seed a mixture of a given size.
   */
  readonly nClusters?: number | undefined;
  /**
   * Fits `X` (n rows of d features) and returns the fitted model; `options` carries the
   * cross-cutting settings (`signal` to abort, `onIteration` for progress).
   */
  fit(X: MatrixInput, options?: FitOptions): Model;
  /**
   * `fit` on `options.executor`, yielding to the event loop on a time budget so that
   * `options.signal` stops it within about 100 ms. Same result, bit for bit, as `fit`.
   */
  fitAsync?(X: MatrixInput, options?: FitOptions): Promise<Model>;
  /**
   * The fit as a shard program (what `fit` and `fitAsync` drive), so that a composite fit (EM
   * seeded by k-means) runs it on its own executor and time budget. `signal`, `onIteration`
   * and `executor` in `options` are the driver's business and are ignored here.
   */
  fitProgram?(X: MatrixInput, options?: FitOptions): ShardProgram<IterationProgress, Model>;
}

/** A clusterer whose models are soft. */
export type SoftClusterer<Model extends SoftClusteringModel = SoftClusteringModel> =
  Clusterer<Model>;
