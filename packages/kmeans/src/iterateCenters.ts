import {
  closeShards,
  type FitWarning,
  type Matrix,
  mapShards,
  openShards,
  planShards,
  reportStep,
  runShardProgramSync,
  type ShardHandle,
  type ShardProgram,
  sharedFloat64Array,
  sharedInt32Array,
} from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import type { CenterHalves } from './centerHalves.js';
import { ClusterSums } from './clusterSums.js';
import { halfCenterDistances } from './halfCenterDistances.js';
import { type KMeansData, readRows } from './kmeansData.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';
import {
  type AssignInput,
  type AssignOutput,
  assignSumsStride,
  assignTask,
  kmeansShardRows,
} from './shards/assignTask.js';
import { updateCenters } from './updateCenters.js';

/** Settings of one k-means run on prepared data. */
export interface IterationSettings {
  readonly algorithm: ResolvedKMeansAlgorithm;
  readonly maxIterations: number;
  /** Absolute tolerance on the sum of squared center shifts. */
  readonly tolerance: number;
  /** Restart index, for warnings. */
  readonly restart: number;
}

/** The state after one iteration, in the centered coordinates of `KMeansData`. */
export interface CenteredStep {
  readonly iteration: number;
  /** The updated centers (a live buffer, overwritten by later iterations). */
  readonly centers: Matrix;
  /** The labels of this iteration's assignment (a live buffer). */
  readonly labels: Int32Array;
  readonly objective: number;
  readonly centerShift: number;
  readonly labelsChanged: number;
  readonly reseeded: readonly number[];
  readonly distanceComputations: number;
  readonly converged: boolean;
}

/** The outcome of one run, in centered coordinates. */
export interface CenteredRun {
  readonly centers: Matrix;
  /** The run's labels (a live buffer: the next run on the same session overwrites it). */
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly objective: readonly number[];
  readonly warnings: readonly FitWarning[];
  readonly distanceComputations: number;
}

/** The assignment shards of one fit, opened once and shared by its runs (restarts). */
export interface AssignSession {
  readonly handle: ShardHandle<AssignInput, AssignOutput>;
  /** Every row's label, written by the shards. */
  readonly labels: Int32Array;
  /** Every shard's sums, written by the shards where they share memory (`AssignSetup`). */
  readonly shardSums: Float64Array;
}

/** Opens the fit's assignment shards (`assignTask`) over `data`. */
export function* openAssignSession(
  data: KMeansData,
  algorithm: ResolvedKMeansAlgorithm,
  k: number,
): ShardProgram<never, AssignSession> {
  // The rows as the fit reads them (see `KMeansData.rowsRead`): X itself, or the data as given
  // with the means to subtract.
  const { rows: X, shift } = readRows(data);
  const { rows: n, cols: d } = X;
  const labels = sharedInt32Array(n);
  const { frame, weights, xNorms } = data;
  const { exponent: scaleExponent, offset } = frame;
  const plan = planShards(n, kmeansShardRows(n, d, k));
  const shardSums = sharedFloat64Array(plan.count * assignSumsStride(k, d));
  const setup = {
    X,
    shift,
    scaleExponent,
    offset,
    weights,
    xNorms,
    labels,
    algorithm,
    k,
    shardSums,
  };
  return { handle: yield* openShards(assignTask, setup, plan, undefined), labels, shardSums };
}

/**
 * Lloyd's iteration with scikit-learn's stopping rule (`_kmeans_single_lloyd`), as a step
 * generator in the caller's thread: see `centersProgram`.
 */
export function* iterateCenters(
  data: KMeansData,
  initialCenters: Matrix,
  settings: IterationSettings,
): Generator<CenteredStep, CenteredRun, void> {
  return yield* runShardProgramSync(
    (function* () {
      const session = yield* openAssignSession(data, settings.algorithm, initialCenters.rows);
      const run = yield* centersProgram(data, session, initialCenters, settings);
      yield* closeShards(session.handle);
      return run;
    })(),
  );
}

/**
 * Lloyd's iteration with scikit-learn's stopping rule (`_kmeans_single_lloyd`) as a shard
 * program: assign (a map over the shards, each running the strategy's assignment, Lloyd,
 * Hamerly or Elkan, on its rows), update the centers from the shards' sums added in shard
 * order, and stop when no label changed ("strict" convergence) or when the summed squared
 * center shift is at most `tolerance`. Unless strictly converged, a final assignment makes the
 * labels those of the returned centers. All strategies give the same labels, so the same
 * centers. Reports a step after every iteration.
 */
export function* centersProgram(
  data: KMeansData,
  session: AssignSession,
  initialCenters: Matrix,
  settings: IterationSettings,
): ShardProgram<CenteredStep, CenteredRun> {
  const d = initialCenters.cols;
  const k = initialCenters.rows;
  const { labels } = session;
  let centers: Matrix = { rows: k, cols: d, data: Float64Array.from(initialCenters.data) };
  let next: Matrix = { rows: k, cols: d, data: new Float64Array(k * d) };
  const centerNorms = new Float64Array(k);
  const sums = new ClusterSums(data, k);
  const clusterWeights = new Float64Array(k);
  const shifts = new Float64Array(k);
  const objective: number[] = [];
  const warnings: FitWarning[] = [];
  let extraDistances = 0;
  let strategyDistances = 0;
  let converged = false;
  let strict = false;
  let iteration = 0;
  let moved: Float64Array | undefined;
  let first = true;
  // The bound strategies' half distances between centers, once per round for every shard.
  const halfMin = new Float64Array(k);
  const halfPairs =
    settings.algorithm === 'elkan' || settings.algorithm === 'yinyang'
      ? new Float64Array(k * k)
      : undefined;
  const halves: CenterHalves = { halfMin, halfPairs };
  const round = function* (assign: boolean, inertia: boolean) {
    rowSquaredNorms(centers, centerNorms);
    // The first round of a run searches every row, and Lloyd bounds nothing: no halves.
    const bounded = assign && !first && settings.algorithm !== 'lloyd';
    if (bounded) extraDistances += halfCenterDistances(centers, halfMin, halfPairs);
    const outputs = yield* mapShards(session.handle, {
      centers: centers.data,
      centerNorms,
      reset: first,
      shifts: moved,
      assign,
      inertia,
      halves: bounded ? halves : undefined,
    });
    first = false;
    moved = undefined;
    return reduce(outputs, session, sums);
  };
  while (iteration < settings.maxIterations) {
    iteration++;
    const { changed: labelsChanged, distances } = yield* round(true, false);
    strategyDistances = distances;
    const update = updateCenters(data, labels, centers, sums, next, clusterWeights, shifts);
    extraDistances += update.distanceComputations;
    for (const component of update.reseeded) {
      warnings.push({
        kind: 'empty-component',
        restart: settings.restart,
        iteration,
        component,
        action: 'reseeded',
      });
    }
    moved = shifts.slice();
    [centers, next] = [next, centers];
    let centerShift = 0;
    for (let j = 0; j < k; j++) centerShift += shifts[j] * shifts[j];
    objective.push(update.objective);
    strict = labelsChanged === 0;
    converged = strict || centerShift <= settings.tolerance;
    yield* reportStep({
      iteration,
      centers,
      labels,
      objective: update.objective,
      centerShift,
      labelsChanged,
      reseeded: update.reseeded,
      distanceComputations: strategyDistances + extraDistances,
      converged,
    });
    if (converged) break;
  }
  // Make the labels those of the final centers (scikit-learn reruns its E-step likewise),
  // measuring the inertia in the same round.
  const last = yield* round(!strict, true);
  strategyDistances = last.distances;
  if (!converged && settings.maxIterations > 0) {
    warnings.push({ kind: 'not-converged', restart: settings.restart, iterations: iteration });
  }
  return {
    centers,
    labels,
    inertia: last.inertia,
    iterations: iteration,
    converged,
    objective,
    warnings,
    distanceComputations: strategyDistances + extraDistances + data.xNorms.length,
  };
}

/** Adds the shards' sums into `sums` in shard order, and their counts. */
function reduce(
  outputs: readonly AssignOutput[],
  session: AssignSession,
  sums: ClusterSums,
): { changed: number; distances: number; inertia: number } {
  sums.sums.fill(0);
  sums.weights.fill(0);
  let changed = 0;
  let distances = 0;
  let inertia = 0;
  const shardRows = session.handle.plan.shardRows;
  const kd = sums.sums.length;
  const k = sums.weights.length;
  const shared = session.shardSums;
  for (const [s, output] of outputs.entries()) {
    changed += output.changed;
    distances += output.distanceComputations;
    inertia += output.inertia;
    // A shard that wrote its sums to shared memory sent none (see `AssignSetup.shardSums`).
    const at = s * (kd + k);
    const own = output.sums.length > 0;
    const from = own ? output.sums : shared;
    const base = own ? 0 : at;
    for (let t = 0; t < kd; t++) sums.sums[t] += from[base + t];
    const weightsFrom = own ? output.clusterWeights : shared;
    const weightsBase = own ? 0 : at + kd;
    for (let j = 0; j < k; j++) sums.weights[j] += weightsFrom[weightsBase + j];
    if (output.labels !== undefined) session.labels.set(output.labels, s * shardRows);
  }
  return { changed, distances, inertia };
}
