import {
  evenShardRows,
  isSharedMemory,
  type Matrix,
  type Shard,
  type ShardTask,
  shardRowsFor,
} from '@mixkit/core';
import { type KernelArena, NearestCenters, squaredDistance } from '@mixkit/linalg';
import type { AssignmentStrategy } from '../assignmentStrategy.js';
import type { CenterHalves } from '../centerHalves.js';
import { ClusterSums } from '../clusterSums.js';
import { type AssignmentData, assignmentData, createAssignment } from '../createAssignment.js';
import { type KMeansData, readRows, shiftedData } from '../kmeansData.js';
import type { ResolvedKMeansAlgorithm } from '../kmeansOptions.js';

/** What every thread running k-means assignments rebuilds its state from. */
export interface AssignSetup {
  /** The data in the fit's frame (scaled by a power of two, centered), n x d, or see `shift`. */
  readonly X: Matrix;
  /**
   * When set, `X` is the data as given and the fit's frame is X − shift, subtracted as the
   * rows are read (`KMeansData.rowsRead`): a fit in the calling thread that made no centered
   * copy. Undefined (always, on workers): `X` is in the frame.
   */
  readonly shift?: Float64Array | undefined;
  /**
   * The power of two every row of the caller's data was multiplied by (0 for data of ordinary
   * magnitude), before `offset` was subtracted: X = x · 2^scaleExponent − offset. The task never
   * reads it; an executor whose workers read their rows from the data's source
   * (`@mixkit/distributed`) rebuilds `X` from it.
   */
  readonly scaleExponent: number;
  /**
   * What was subtracted from every scaled row of the caller's data to give `X` (zeros when `X`
   * is the data itself). The task never reads it either (see `scaleExponent`).
   */
  readonly offset: Float64Array;
  /** One weight per row. */
  readonly weights: Float64Array;
  /** Squared norm of each row. */
  readonly xNorms: Float64Array;
  /** The labels of every row: written in place by the thread that owns the row's shard. */
  readonly labels: Int32Array;
  /** The assignment strategy each shard runs. */
  readonly algorithm: ResolvedKMeansAlgorithm;
  /** Number of clusters. */
  readonly k: number;
  /**
   * Where each shard writes its cluster sums after every round, k·d sums then k weights per
   * shard in shard order (`assignSumsStride`), when it is on shared memory: the outputs then
   * carry none, so a round's answers hold no arrays to clone in the worker and allocate in the
   * fit's thread. Absent (or not shared): the outputs carry them.
   */
  readonly shardSums?: Float64Array | undefined;
}

/** One round: the centers to assign to, and what happened to them since the last round. */
export interface AssignInput {
  /** k x d centers (centered frame) and their squared norms. */
  readonly centers: Float64Array;
  /** Squared norm of each center. */
  readonly centerNorms: Float64Array;
  /** A new run: forget bounds and labels (every row starts unlabelled). */
  readonly reset: boolean;
  /** How far each center moved since the last round (so bounds stay valid), or undefined. */
  readonly shifts: Float64Array | undefined;
  /** Assign this round (false: only measure the inertia of the labels as they are). */
  readonly assign: boolean;
  /** Also return Σ w ||x − c_label||² over the shard, by differences. */
  readonly inertia: boolean;
  /**
   * The centers' half distances, computed once for the round by the fit's thread (see
   * `CenterHalves`), or undefined: a bound strategy then computes its own.
   */
  readonly halves?: CenterHalves | undefined;
}

/** What one shard gives back. */
export interface AssignOutput {
  /** Rows of the shard whose label changed this round. */
  readonly changed: number;
  /**
   * k x d weighted coordinate sums of the shard's clusters, after the round; empty when the
   * shard wrote them to the setup's `shardSums`.
   */
  readonly sums: Float64Array;
  /** k total weights of the shard's clusters; empty when written to `shardSums`. */
  readonly clusterWeights: Float64Array;
  /** Distances the shard's strategy computed so far in this run. */
  readonly distanceComputations: number;
  /** The shard's inertia when asked for (`input.inertia`), else 0. */
  readonly inertia: number;
  /** The shard's labels, when the thread could not write them to shared memory. */
  readonly labels: Int32Array | undefined;
}

/** One shard's own k-means state: its rows as a small data set, its bounds, its sums. */
interface ShardState {
  /** The shard's rows, with the search where its algorithm runs one. */
  readonly input: AssignmentData;
  readonly labels: Int32Array;
  strategy: AssignmentStrategy;
  sums: ClusterSums;
}

/** One thread's state: the shards it runs. */
export interface AssignState {
  readonly setup: AssignSetup;
  readonly shards: Map<number, ShardState>;
  readonly sharedLabels: boolean;
  /** The setup's `shardSums` when this thread's writes reach the fit's thread, else undefined. */
  readonly sharedSums: Float64Array | undefined;
  /** The kernel memory of this thread's searches, released when the session closes. */
  readonly arena: KernelArena | undefined;
}

/**
 * k-means' assignment step over one shard of rows (`@mixkit/kmeans:assign`): each shard is a
 * small data set of its own with its own assignment strategy (Lloyd, or the bounds of Hamerly or
 * Elkan, which stay with the shard's thread from round to round) and its own cluster sums, so
 * the algorithm files run unchanged on a shard. The fit's thread adds the shards' sums in shard
 * order; the labels are the same whichever thread ran a shard, since each row's label depends
 * only on its row and the centers.
 */
export const assignTask: ShardTask<AssignSetup, AssignInput, AssignOutput, AssignState> = {
  name: '@mixkit/kmeans:assign',
  open(setup, _context, shards) {
    // One kernel memory for the searches of all this thread's shards (see `KernelArena`).
    const arena =
      setup.algorithm === 'elkan'
        ? undefined
        : NearestCenters.kernelArena(
            shards.map((shard) => shard.end - shard.start),
            setup.X.cols,
            setup.k,
          );
    const state: AssignState = {
      setup,
      shards: new Map(),
      sharedLabels: isSharedMemory(setup.labels),
      sharedSums:
        setup.shardSums !== undefined && isSharedMemory(setup.shardSums)
          ? setup.shardSums
          : undefined,
      arena,
    };
    for (const shard of shards) state.shards.set(shard.index, shardState(setup, shard, arena));
    return state;
  },
  run(state, input, shard) {
    const own = state.shards.get(shard.index);
    if (own === undefined) throw new RangeError(`shard ${shard.index} is not this thread's`);
    const { k } = state.setup;
    const { labels } = own;
    const { data } = own.input;
    const d = state.setup.X.cols;
    if (input.reset) {
      own.strategy = createAssignment(own.input, k);
      own.sums = new ClusterSums(data, k);
      labels.fill(-1);
    } else if (input.shifts !== undefined) {
      own.strategy.centersMoved(input.shifts, labels);
    }
    const centers: Matrix = { rows: k, cols: d, data: input.centers };
    const changed = input.assign
      ? own.strategy.assign(centers, input.centerNorms, labels, own.sums, input.halves)
      : 0;
    const shared = state.sharedSums;
    if (shared !== undefined) {
      const at = shard.index * assignSumsStride(k, d);
      shared.set(own.sums.sums, at);
      shared.set(own.sums.weights, at + k * d);
    }
    return {
      changed,
      sums: shared === undefined ? own.sums.sums.slice() : noValues,
      clusterWeights: shared === undefined ? own.sums.weights.slice() : noValues,
      distanceComputations: own.strategy.distanceComputations,
      inertia: input.inertia ? inertiaOf(data, input.centers, labels) : 0,
      labels: state.sharedLabels ? undefined : labels.slice(),
    };
  },
  close(state) {
    // Nothing reads the searches' arrays after the last round (the labels, sums and bounds the
    // fit keeps are in the setup's memory or copied out), so the thread's next fit may write
    // its own into the same pages instead of faulting in fresh ones (see `KernelArena`).
    state.shards.clear();
    state.arena?.release();
  },
};

/** Doubles per shard in `AssignSetup.shardSums`: its k·d sums, then its k weights. */
export function assignSumsStride(k: number, d: number): number {
  return k * d + k;
}

const noValues = new Float64Array(0);

/**
 * Rows per shard of a k-means assignment: enough that per-shard bounds and scratch stay small,
 * evened out over the shard count (core's `evenShardRows`), so the contiguous runs of shards a
 * pool gives its workers hold nearly the same rows (1,000,000 rows: 62 shards of 16,130 rather
 * than 61 of 16,384 and one of 576, which put 507,904 rows on one of 2 workers and 492,096 on
 * the other). It reads only the data's shape, never the number of workers.
 */
export function kmeansShardRows(n: number, d: number, k: number): number {
  return evenShardRows(n, Math.max(16_384, shardRowsFor(2 * d * k, 1, n)));
}

function shardState(setup: AssignSetup, shard: Shard, arena: KernelArena | undefined): ShardState {
  const { X, shift, weights, xNorms, labels, algorithm, k } = setup;
  const d = X.cols;
  const rows = shard.end - shard.start;
  const own: Matrix = { rows, cols: d, data: X.data.subarray(shard.start * d, shard.end * d) };
  const fields = {
    // The rows and weights are the fit's, in its frame (scaled and centered, or see `shift`).
    frame: { scale: 1, exponent: 0, offset: new Float64Array(d) },
    weights: weights.subarray(shard.start, shard.end),
    weightExponent: 0,
    xNorms: xNorms.subarray(shard.start, shard.end),
    // Read by the fit's update step only, never by a strategy.
    weightedSquaredNorm: 0,
    meanVariance: 0,
  }; // With a shift, the strategies read the rows as given and subtract it; `X` (the shard's rows
  // in the frame) is copied only if read (Elkan and Yinyang read it).
  const rowsOfShard: KMeansData =
    shift === undefined ? { X: own, ...fields } : shiftedData(own, shift, fields);

  const input = assignmentData(algorithm, rowsOfShard, k, arena);
  return {
    input,
    labels: labels.subarray(shard.start, shard.end),
    strategy: createAssignment(input, k),
    sums: new ClusterSums(input.data, k),
  };
}

/** Σ w_i ||x_i − c_{label_i}||² over the shard, by differences (not the norm expansion). */
function inertiaOf(data: KMeansData, centers: Float64Array, labels: Int32Array): number {
  const { weights } = data;
  const { rows: X, shift } = readRows(data);
  if (shift !== undefined) return shiftedInertia(X, shift, weights, centers, labels);
  const { rows: n, cols: d, data: x } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i] * squaredDistance(x, i * d, centers, labels[i] * d, d);
  }
  return total;
}

/**
 * `inertiaOf` of the rows X − shift, read from X: the same differences as `squaredDistance` of
 * the shifted row, (x − shift) − c, added in the same order. A leaf function ending with its
 * loop (V8 optimizes such a loop on-stack early in a fresh process).
 */
function shiftedInertia(
  X: Matrix,
  shift: Float64Array,
  weights: Float64Array,
  centers: Float64Array,
  labels: Int32Array,
): number {
  const { rows: n, cols: d, data: x } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const co = labels[i] * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = x[o + t] - shift[t] - centers[co + t];
      s += v * v;
    }
    total += weights[i] * s;
  }
  return total;
}
