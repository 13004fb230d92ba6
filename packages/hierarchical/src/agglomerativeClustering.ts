import {
  assertInteger,
  assertNumber,
  type Clusterer,
  drainShardProgram,
  type FitOptions,
  InvalidInputError,
  type IterationProgress,
  type MatrixInput,
  runShardProgram,
  type ShardProgram,
  toMatrix,
} from '@mixkit/core';
import type { Metric } from '@mixkit/neighbors';
import { AgglomerativeModel } from './agglomerativeModel.js';
import type { Connectivity } from './connectivity.js';
import { cutTree } from './cutTree.js';
import { linkageProgram, type WardStrategy } from './linkageMatrix.js';
import type { LinkageMethod } from './linkageMethod.js';

/** Options of `AgglomerativeClustering`. */
export interface AgglomerativeOptions {
  /** Default `'ward'`. */
  readonly linkage?: LinkageMethod;
  /** Cut into this many clusters (default 2 unless `distanceThreshold` is given). */
  readonly nClusters?: number;
  /** Cut instead where merges reach this height (scikit-learn's `distance_threshold`). */
  readonly distanceThreshold?: number;
  /** Default `'euclidean'` (Ward requires it). */
  readonly metric?: Metric;
  /** Connectivity constraints, if any. */
  readonly connectivity?: Connectivity;
  /** See `LinkageOptions.wardStrategy` (default `'auto'`). */
  readonly wardStrategy?: WardStrategy;
}

/**
 * Agglomerative (hierarchical) clustering, scikit-learn's `AgglomerativeClustering` over SciPy's
 * linkage: builds the whole dendrogram (`linkageMatrix`), then cuts it (`cutTree`). The model
 * keeps the dendrogram, so other cuts need no refit (`model.cut(...)`).
 *
 * Ties: merges at equal heights keep SciPy's order (the chain's order, stably sorted by height);
 * labels are numbered in order of each cluster's first row.
 *
 * `sampleWeight` is not supported (neither SciPy nor scikit-learn weights rows here).
 */
export class AgglomerativeClustering implements Clusterer<AgglomerativeModel> {
  /** Number of clusters (noise not counted). */
  readonly nClusters: number | undefined;
  /** Cut height (merges at or above it are undone), when cutting by height. */
  readonly distanceThreshold: number | undefined;
  /** The dendrogram in SciPy's linkage layout, (n − 1) x 4 row-major: [a, b, height, size]. */
  readonly linkage: LinkageMethod;
  /** The distance used. */
  readonly metric: Metric;
  /** Connectivity constraints, if any. */
  readonly connectivity: Connectivity | undefined;
  /** How Ward linkage is computed (see LinkageOptions.wardStrategy). */
  readonly wardStrategy: WardStrategy;

  constructor(options: AgglomerativeOptions = {}) {
    if (options.nClusters !== undefined && options.distanceThreshold !== undefined) {
      throw new InvalidInputError(
        { argument: 'distanceThreshold', value: options.distanceThreshold },
        'give nClusters or distanceThreshold, not both',
      );
    }
    if (options.distanceThreshold !== undefined)
      assertNumber(options.distanceThreshold, 'distanceThreshold', { min: 0 });
    else assertInteger(options.nClusters ?? 2, 'nClusters', 1);
    this.distanceThreshold = options.distanceThreshold;
    this.nClusters = options.distanceThreshold === undefined ? (options.nClusters ?? 2) : undefined;
    this.linkage = options.linkage ?? 'ward';
    this.metric = options.metric ?? 'euclidean';
    this.connectivity = options.connectivity;
    this.wardStrategy = options.wardStrategy ?? 'auto';
  }

  /** Fits in the caller's thread (`signal` is checked every few hundred merges). */
  fit(X: MatrixInput, options: FitOptions = {}): AgglomerativeModel {
    return drainShardProgram(this.program(X, options, options.signal));
  }

  /**
   * `fit`, yielding to the event loop on a 25 ms budget, so that `signal` stops it (with
   * `AbortedError`) within about 100 ms and timers run during the fit. Same result, bit for
   * bit, as `fit`. The dendrogram is built in the caller's thread: `executor` is not used.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<AgglomerativeModel> {
    return runShardProgram(this.program(X, options, options.signal), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'AgglomerativeClustering.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, AgglomerativeModel> {
    return this.program(X, options, undefined);
  }

  private *program(
    X: MatrixInput,
    options: FitOptions,
    signal: AbortSignal | undefined,
  ): ShardProgram<IterationProgress, AgglomerativeModel> {
    if (options.sampleWeight !== undefined) {
      throw new InvalidInputError(
        { argument: 'sampleWeight' },
        'agglomerative clustering does not take sample weights',
      );
    }
    const matrix = toMatrix(X);
    const n = matrix.rows;
    if (this.nClusters !== undefined) assertInteger(this.nClusters, 'nClusters', 1, n);
    const linkage = yield* linkageProgram(matrix, {
      linkage: this.linkage,
      metric: this.metric,
      wardStrategy: this.wardStrategy,
      ...(this.connectivity === undefined ? {} : { connectivity: this.connectivity }),
      ...(signal === undefined ? {} : { signal }),
    });
    const cut =
      this.distanceThreshold === undefined
        ? { nClusters: this.nClusters ?? 2 }
        : { distanceThreshold: this.distanceThreshold };
    const labels = cutTree(linkage, n, cut);
    return new AgglomerativeModel({
      linkageMethod: this.linkage,
      metric: this.metric,
      linkage,
      labels,
      rows: this.metric === 'precomputed' ? undefined : matrix.data,
      dimension: matrix.cols,
    });
  }

  /** Fits and returns the training labels: `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }
}
