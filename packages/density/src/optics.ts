import {
  assertNumber,
  type Clusterer,
  drainShardProgram,
  type FitOptions,
  InvalidInputError,
  type IterationProgress,
  type MatrixInput,
  pause,
  runShardProgram,
  type ShardProgram,
  throwIfAborted,
} from '@mixkit/core';
import { NeighborBuffer, type NeighborIndex } from '@mixkit/neighbors';
import { type DensityIndexOptions, densityIndex } from './internal/densityIndex.js';
import { kthSmallest } from './internal/kthSmallest.js';
import { PAUSE_WORK, queryWork } from './internal/pauseWork.js';
import { ReachabilityHeap } from './internal/reachabilityHeap.js';
import { OpticsModel } from './opticsModel.js';

export interface OpticsOptions extends DensityIndexOptions {
  /** Rows in a core neighbourhood, the row itself included (default 5, as R and scikit-learn). */
  readonly minPts?: number;
  /** Largest neighbourhood radius considered (default `Infinity`: the whole ordering). */
  readonly eps?: number;
  /**
   * Flat clustering read off the ordering (R's `extractDBSCAN`, scikit-learn's
   * `cluster_optics_dbscan`): the DBSCAN clustering at radius `epsCluster` <= eps.
   * Without it every row is labelled noise until `model.extractDbscan(epsCluster)` is called.
   */
  readonly epsCluster?: number;
}

/**
 * OPTICS (Ankerst, Breunig, Kriegel & Sander 1999): orders the rows so that density-based
 * clusters at every radius up to `eps` are contiguous, with each row's reachability distance
 * max(core(p), d(p, o)) from the rows ordered before it.
 *
 * The ordering equals R's `dbscan::optics`: it starts at the lowest-index unprocessed row, and
 * always continues with the seed of least reachability, ties going to the higher row index (a binary
 * heap with lazy deletion instead of R's linear scan over the seeds, same choice). Rows first
 * in their connected component keep reachability `Infinity`, as in R; a row with fewer than
 * minPts rows within eps has core distance `Infinity`. Each row's neighbourhood is queried once,
 * when the row is processed, and gives its core distance too; memory is O(n) plus the largest
 * neighbourhood: nothing n x n.
 */
export class Optics implements Clusterer<OpticsModel> {
  /** Always undefined: the fit finds the number of clusters (see `Clusterer.nClusters`). */
  readonly nClusters = undefined;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** Neighbourhood radius. */
  readonly eps: number;
  /** Radius of the extracted flat clustering (undefined: none extracted yet). */
  readonly epsCluster: number | undefined;
  /** The neighbour-index settings (metric and route). */
  readonly indexOptions: DensityIndexOptions;

  constructor(options: OpticsOptions = {}) {
    this.minPts = options.minPts ?? 5;
    this.eps = options.eps ?? Number.POSITIVE_INFINITY;
    if (this.eps !== Number.POSITIVE_INFINITY)
      assertNumber(this.eps, 'eps', { min: 0, exclusiveMin: true });
    if (options.epsCluster !== undefined) {
      assertNumber(options.epsCluster, 'epsCluster', { min: 0 });
      if (options.epsCluster > this.eps) {
        throw new InvalidInputError(
          { argument: 'epsCluster', value: options.epsCluster },
          'must be <= eps',
        );
      }
    }
    this.epsCluster = options.epsCluster;
    this.indexOptions = {
      metric: options.metric ?? 'euclidean',
      algorithm: options.algorithm ?? 'auto',
    };
  }

  /** Fits; `sampleWeight` is not supported (OPTICS has no weighted form in R or scikit-learn). */
  fit(X: MatrixInput, options: FitOptions = {}): OpticsModel {
    return drainShardProgram(this.program(X, options, options.signal));
  }

  /**
   * `fit`, yielding to the event loop on a 25 ms budget, so that `signal` stops it (with
   * `AbortedError`) within about 100 ms and timers run during the fit. Same result, bit for
   * bit, as `fit`. The fit runs in the caller's thread: `executor` is not used.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<OpticsModel> {
    return runShardProgram(this.program(X, options, options.signal), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'Optics.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, OpticsModel> {
    return this.program(X, options, undefined);
  }

  private *program(
    X: MatrixInput,
    options: FitOptions,
    signal: AbortSignal | undefined,
  ): ShardProgram<IterationProgress, OpticsModel> {
    if (options.sampleWeight !== undefined) {
      throw new InvalidInputError(
        { argument: 'sampleWeight' },
        'OPTICS does not take sample weights',
      );
    }
    // Rows and eps times 2^exponent (exact; 0 for ordinary data), so squared distances near
    // 1e300 or 1e-300 neither overflow nor underflow; distances are scaled back at the end.
    const { matrix, index, exponent } = densityIndex(
      X,
      this.minPts,
      1,
      this.indexOptions,
      'power-of-two',
    );
    const scaled = exponent !== 0 && index.metric !== 'cosine';
    const n = matrix.rows;
    // Distances, core distances and reachability stay in the index's reduced units (squared for
    // Euclidean) until the end, as R compares squared distances; one square root per row after.
    const reducedEps = index.toReduced(scaled ? this.eps * 2 ** exponent : this.eps);
    const workspace: OpticsWorkspace = {
      core: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      reachability: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      processed: new Uint8Array(n),
      seeds: new ReachabilityHeap(n),
      buffer: new NeighborBuffer(),
      scratch: new Float64Array(64),
    };
    const { core, reachability, processed, seeds } = workspace;
    const order = new Int32Array(n);
    let next = 0;
    // A `pause()` about every millisecond of queries, where an async driver may yield. The
    // row's work runs in a plain function (`expandRow`): V8 compiles its loop better there
    // than inside a generator.
    const perQuery = queryWork(index);
    let work = 0;
    for (let start = 0; start < n; start++) {
      if (processed[start] === 1) continue;
      seeds.push(start, Number.POSITIVE_INFINITY);
      while (seeds.size > 0) {
        const p = seeds.pop(reachability, processed);
        if (p < 0) break;
        if ((next & 1023) === 0) throwIfAborted(signal, 'Optics.fit');
        work += perQuery;
        if (work >= PAUSE_WORK) {
          work = 0;
          yield* pause();
        }
        order[next++] = p;
        work += expandRow(index, p, reducedEps, this.minPts, workspace);
      }
    }
    const back = scaled ? 2 ** -exponent : 1;
    for (let i = 0; i < n; i++) {
      if (core[i] !== Number.POSITIVE_INFINITY) core[i] = index.fromReduced(core[i]) * back;
      if (reachability[i] !== Number.POSITIVE_INFINITY)
        reachability[i] = index.fromReduced(reachability[i]) * back;
    }
    const model = new OpticsModel({
      minPts: this.minPts,
      eps: this.eps,
      metric: index.metric,
      dimension: matrix.cols,
      order,
      reachability,
      coreDistances: core,
      epsCluster: undefined,
      labels: undefined,
      rows: index.metric === 'precomputed' ? undefined : matrix.data,
    });
    return this.epsCluster === undefined ? model : model.extractDbscan(this.epsCluster);
  }

  /** Fits and returns the training labels: `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }
}

/** The state of an OPTICS ordering between two rows. */
interface OpticsWorkspace {
  /** Core distances (reduced units; `Infinity` while unknown or undefined). */
  readonly core: Float64Array;
  /** Reachability distances (reduced units). */
  readonly reachability: Float64Array;
  /** 1 for rows already ordered. */
  readonly processed: Uint8Array;
  /** The seeds, by reachability. */
  readonly seeds: ReachabilityHeap;
  /** The neighbourhood of the row being processed. */
  readonly buffer: NeighborBuffer;
  /** Scratch of `kthSmallest`, grown as needed. */
  scratch: Float64Array;
}

/**
 * Processes row `p` (taken from the seeds): queries its neighbourhood once, which gives its
 * core distance too (R's way: the minPts-th smallest distance counting the row, at 0), and
 * lowers its unprocessed neighbours' reachability. Returns the neighbourhood's size.
 */
function expandRow(
  index: NeighborIndex,
  p: number,
  reducedEps: number,
  minPts: number,
  workspace: OpticsWorkspace,
): number {
  const { core, reachability, processed, seeds, buffer } = workspace;
  processed[p] = 1;
  buffer.clear();
  index.radiusReducedOfRow(p, reducedEps, buffer);
  if (buffer.count + 1 < minPts) return buffer.count;
  if (buffer.count > workspace.scratch.length)
    workspace.scratch = new Float64Array(2 * buffer.count);
  const cp =
    minPts === 1 ? 0 : kthSmallest(buffer.distances, buffer.count, minPts - 1, workspace.scratch);
  core[p] = cp;
  for (let j = 0; j < buffer.count; j++) {
    const o = buffer.indices[j];
    if (processed[o] === 1) continue;
    const dist = buffer.distances[j];
    const reach = Math.max(dist, cp);
    if (reach < reachability[o]) {
      reachability[o] = reach;
      seeds.push(o, reach);
    }
  }
  return buffer.count;
}
