import {
  assertNumber,
  type Clusterer,
  drainShardProgram,
  type FitOptions,
  type IterationProgress,
  type MatrixInput,
  NOISE,
  pause,
  runShardProgram,
  type ShardProgram,
  throwIfAborted,
  toWeights,
} from '@mixkit/core';
import { NeighborBuffer } from '@mixkit/neighbors';
import { DbscanModel } from './dbscanModel.js';
import { CoreNeighbourhoods } from './internal/coreNeighbourhoods.js';
import { type DensityIndexOptions, densityIndex } from './internal/densityIndex.js';
import { PAUSE_WORK, queryWork } from './internal/pauseWork.js';

export interface DbscanOptions extends DensityIndexOptions {
  /** Neighbourhood radius: rows at distance <= eps are neighbours. Required, > 0. */
  readonly eps: number;
  /**
   * A row is a core sample when its eps-neighbourhood, itself included, holds at least this many
   * rows (with `sampleWeight`: at least this much weight). Default 5, as R's `dbscan` and
   * scikit-learn's `min_samples`.
   */
  readonly minPts?: number;
}

/**
 * DBSCAN (Ester, Kriegel, Sander & Xu 1996): core samples are rows with at least `minPts` rows
 * within `eps`; clusters are the connected components of core samples under the eps-neighbour
 * relation, plus the border rows within eps of a core sample; every other row is noise
 * (`NOISE` = -1).
 *
 * Labelling is deterministic and equals scikit-learn's and R's: clusters are numbered in order of
 * their lowest-index core sample, and a border row reachable from several clusters goes to the
 * first of them in that order. Each row's neighbourhood is queried once; core samples' lists are
 * kept for the expansion (memory: the total size of core neighbourhoods, never an n x n matrix).
 *
 * ```ts
 * const model = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
 * model.labels; model.coreSampleIndices; model.predict(Xnew);
 * ```
 */
export class Dbscan implements Clusterer<DbscanModel> {
  /** Always undefined: the fit finds the number of clusters (see `Clusterer.nClusters`). */
  readonly nClusters = undefined;
  /** Neighbourhood radius. */
  readonly eps: number;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** The neighbour-index settings (metric and route). */
  readonly indexOptions: DensityIndexOptions;

  constructor(options: DbscanOptions) {
    assertNumber(options.eps, 'eps', { min: 0, exclusiveMin: true });
    this.eps = options.eps;
    this.minPts = options.minPts ?? 5;
    this.indexOptions = {
      metric: options.metric ?? 'euclidean',
      algorithm: options.algorithm ?? 'auto',
    };
  }

  /** Fits in the caller's thread; honours `sampleWeight` (weighted core condition) and `signal`. */
  fit(X: MatrixInput, options: FitOptions = {}): DbscanModel {
    return drainShardProgram(this.program(X, options, options.signal));
  }

  /**
   * `fit`, yielding to the event loop on a 25 ms budget, so that `signal` stops it (with
   * `AbortedError`) within about 100 ms and timers run during the fit. Same result, bit for
   * bit, as `fit`. The fit runs in the caller's thread: `executor` is not used.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<DbscanModel> {
    return runShardProgram(this.program(X, options, options.signal), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'Dbscan.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, DbscanModel> {
    return this.program(X, options, undefined);
  }

  private *program(
    X: MatrixInput,
    options: FitOptions,
    signal: AbortSignal | undefined,
  ): ShardProgram<IterationProgress, DbscanModel> {
    // Rows and eps both times 2^exponent (exact; 0 for ordinary data): squared distances near
    // 1e300 or 1e-300 would overflow or underflow, and every row fall within any eps.
    const { matrix, index, exponent } = densityIndex(
      X,
      this.minPts,
      1,
      this.indexOptions,
      'power-of-two',
    );
    const eps = index.metric === 'cosine' ? this.eps : this.eps * 2 ** exponent;
    const n = matrix.rows;
    const weights =
      options.sampleWeight === undefined ? undefined : toWeights(options.sampleWeight, n);
    // One neighbourhood query per row; a core row's neighbours are kept (compressed rows) for the
    // expansion below, a non-core row's are dropped. Memory: the core rows' neighbourhoods.
    const buffer = new NeighborBuffer();
    const cores = new CoreNeighbourhoods(n);
    const { isCore } = cores;
    // Rows are queried in blocks, so the brute-force route measures a block against all rows as
    // one matrix product (about 16 MiB of distances per block).
    const blockRows = Math.max(1, Math.min(n, Math.floor(2 ** 21 / n)));
    const blockCounts = new Int32Array(blockRows);
    const block =
      index.algorithm === 'brute' ? new Float64Array(blockRows * n) : new Float64Array(0);
    // A `pause()` about every millisecond of queries or expansion, where an async driver may
    // yield and stop on an abort (a brute-force block is a few milliseconds of distances).
    const perQuery = queryWork(index);
    let work = 0;
    for (let s0 = 0; s0 < n; s0 += blockRows) {
      throwIfAborted(signal, 'Dbscan.fit');
      const s1 = Math.min(n, s0 + blockRows);
      work += (s1 - s0) * perQuery;
      if (work >= PAUSE_WORK) {
        work = 0;
        yield* pause();
      }
      buffer.clear();
      index.radiusRowsOfRows(s0, s1, eps, buffer, blockCounts, block);
      work += cores.keepBlock(buffer, blockCounts, s0, s1, weights, this.minPts);
    }
    const labels = new Int32Array(n).fill(NOISE);
    const stack = new Int32Array(n);
    let nClusters = 0;
    for (let seed = 0; seed < n; seed++) {
      if (labels[seed] !== NOISE || isCore[seed] === 0) continue;
      // A pause between clusters (one cluster's expansion reads its rows' lists once).
      work += cores.expand(labels, stack, seed, nClusters++);
      if (work >= PAUSE_WORK) {
        work = 0;
        yield* pause();
      }
    }
    let coreCount = 0;
    for (let i = 0; i < n; i++) coreCount += isCore[i];
    const coreSampleIndices = new Int32Array(coreCount);
    for (let i = 0, c = 0; i < n; i++) if (isCore[i] === 1) coreSampleIndices[c++] = i;
    const d = matrix.cols;
    // Precomputed distances keep no rows: a new row brings its own distances to the core samples.
    const coreRows = new Float64Array(index.metric === 'precomputed' ? 0 : coreCount * d);
    if (index.metric !== 'precomputed')
      for (let c = 0; c < coreCount; c++) {
        const i = coreSampleIndices[c];
        coreRows.set(matrix.data.subarray(i * d, i * d + d), c * d);
      }
    return new DbscanModel({
      eps: this.eps,
      minPts: this.minPts,
      metric: index.metric,
      dimension: d,
      labels,
      nClusters,
      coreSampleIndices,
      coreRows,
    });
  }

  /** `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }
}
