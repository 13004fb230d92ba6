import {
  assertClusterCount,
  assertNoWorkers,
  type Clusterer,
  closeShards,
  type FitOptions,
  InvalidInputError,
  type IterationProgress,
  type MatrixInput,
  mapShards,
  now,
  openShards,
  parallelRestartStates,
  planShards,
  type RestartPlacement,
  restartStream,
  runShardProgram,
  runShardProgramSync,
  type ShardProgram,
  sendRestartsNow,
  throwIfAborted,
  toMatrix,
  toRandom,
  toWeights,
} from '@mixkit/core';
import { NearestCenters } from '@mixkit/linalg';
import { centeredCenters, seedCenters } from './init/seedCenters.js';
import { inUnits } from './internal/inUnits.js';
import { openAssignSession } from './iterateCenters.js';
import { prepareKmeansProgram } from './kmeansData.js';
import type { KMeansModel } from './kmeansModel.js';
import {
  type KMeansOptions,
  type ResolvedKMeansOptions,
  resolveAlgorithm,
  resolveKMeansOptions,
} from './kmeansOptions.js';
import { KMeansRestarts } from './kmeansRestarts.js';
import { runRestart } from './runRestart.js';
import { kmeansShardRows } from './shards/assignTask.js';
import { restartTask } from './shards/restartTask.js';

/**
 * k-means clustering: Lloyd's algorithm, or its exact accelerations by Hamerly (2010) and Elkan
 * (2003), seeded by greedy k-means++, random rows or given centers, with `nInit` restarts keeping
 * the lowest inertia. Follows scikit-learn's `KMeans` (same stopping rule, same empty-cluster
 * handling), so from the same initial centers it gives the same labels and centers.
 *
 * ```ts
 * const model = new KMeans({ nClusters: 3 }).fit(X, { random: 42 });
 * model.labels; model.centers; model.inertia; model.predict(Xnew);
 * ```
 */
export class KMeans implements Clusterer<KMeansModel> {
  readonly nClusters: number;
  /** The options with their defaults filled in. */
  readonly options: ResolvedKMeansOptions;

  constructor(options: KMeansOptions) {
    this.options = resolveKMeansOptions(options);
    this.nClusters = this.options.k;
  }

  /**
   * Fits the model in the caller's thread. Throws `InvalidInputError` for bad data (empty, NaN,
   * ragged), k > n, bad weights or initial centers of the wrong shape; `AbortedError` when
   * `signal` fires. Not converging within `maxIterations` is reported in
   * `diagnostics.warnings`, never thrown.
   */
  fit(X: MatrixInput, options: FitOptions = {}): KMeansModel {
    assertNoWorkers(options.executor, 'KMeans.fit');
    const steps = runShardProgramSync(this.fitProgram(X, options));
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      options.onIteration?.(step.value);
      throwIfAborted(options.signal, 'KMeans.fit');
    }
  }

  /**
   * `fit` on `options.executor` (the caller's thread by default, or a worker pool from
   * `@mixkit/workers`: the assignment runs over shards of rows in parallel), yielding to the
   * event loop after every iteration and whenever 25 ms of work have passed, so it rejects with
   * `AbortedError` within about 100 ms of `signal` aborting. Same result, bit for bit, as `fit`.
   * On small data (one shard of rows) with several seeded restarts, workers and no
   * `onIteration`, the restarts run in parallel, one per worker, instead of their passes.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<KMeansModel> {
    const placement =
      (options.executor?.workers ?? 0) >= 2 && options.onIteration === undefined
        ? 'auto'
        : 'sequential';
    return runShardProgram(this.program(X, options, placement), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'KMeans.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
    restarts: RestartPlacement = 'sequential',
  ): ShardProgram<IterationProgress, KMeansModel> {
    return this.program(X, options, restarts);
  }

  /**
   * The fit; unless `placement` is `'sequential'`, small data and several seeded restarts run
   * restart 0 here and the others as `restartTask`, one restart per shard, instead of one after
   * the other (see `parallelRestartStates`). The winner is the same either way.
   */
  private *program(
    X: MatrixInput,
    options: FitOptions,
    placement: RestartPlacement,
  ): ShardProgram<IterationProgress, KMeansModel> {
    const { k, maxIterations, tolerance, init } = this.options;
    // X's values are checked in the preparation's first pass over them (which reads them anyway).
    const matrix = toMatrix(X, { checkFinite: false });
    const n = matrix.rows;
    const executor = options.executor;
    const { data, weights, copyBuffer } = yield* prepareKmeansProgram(matrix, {
      workers: executor?.workers ?? 0,
      borrowBuffer: executor?.borrowBuffer?.bind(executor),
      // No executor: every pass runs in this thread, which can read X itself with the means
      // subtracted instead of a centered copy (executors' threads read the shared copy).
      shiftOnRead: executor === undefined,
      checkedWeights: () => {
        assertClusterCount(k, n);
        const given =
          options.sampleWeight === undefined ? undefined : toWeights(options.sampleWeight, n);
        if (given !== undefined) assertEnoughWeightedRows(given, k);
        return given;
      },
    });
    const algorithm = resolveAlgorithm(
      this.options.algorithm,
      k,
      NearestCenters.fusesLloyd(k, matrix.cols),
    );
    const given = typeof init === 'string' || typeof init === 'function' ? undefined : init;
    const explicit = given === undefined ? undefined : centeredCenters(given, data, k);
    const restarts = explicit === undefined ? this.options.nInit : 1;
    const random = toRandom(options.random);
    // Objectives in the units of the data and weights as given (see prepareKmeansProgram).
    const power = -2 * data.frame.exponent - data.weightExponent;
    const scaledX = data.frame.exponent !== 0;
    const toUnits = (value: number): number => inUnits(value, power, 'inertia', scaledX);
    const selection = new KMeansRestarts(toUnits);
    const states =
      placement !== 'sequential' && typeof init === 'string'
        ? parallelRestartStates(
            random,
            restarts,
            planShards(n, kmeansShardRows(n, matrix.cols, k)).count,
          )
        : undefined;
    const session = yield* openAssignSession(data, algorithm, k);
    const started = now();
    let restart = 0;
    for (; restart < restarts; restart++) {
      // 'auto': restart 0 runs here, timed; the others go to the workers when worth it.
      if (states !== undefined && sendRestartsNow(placement, restart, now() - started, restarts))
        break;
      throwIfAborted(options.signal, 'KMeans.fit');
      const stream = states === undefined ? random.split() : restartStream(states, restart);
      const initial = explicit ?? (yield* seedCenters(init, data, matrix, k, stream, weights));
      const run = yield* runRestart(
        data,
        session,
        initial,
        { algorithm, maxIterations, tolerance: tolerance * data.meanVariance, restart },
        toUnits,
      );
      selection.add(restart, run);
    }
    yield* closeShards(session.handle);
    if (restart < restarts && states !== undefined && typeof init === 'string') {
      const setup = { X: matrix, weights, k, algorithm, init, maxIterations, tolerance };
      const handle = yield* openShards(
        restartTask,
        { ...setup, randomStates: states.slice(restart), firstRestart: restart },
        planShards(restarts - restart, 1),
        data,
      );
      const runs = yield* mapShards(handle, undefined);
      yield* closeShards(handle);
      for (const [s, run] of runs.entries()) selection.add(restart + s, run);
    }
    // Every session is closed and the model keeps none of the shared copy: a kept pool may lend
    // it to its next fit (see `ShardExecutor.borrowBuffer`).
    if (copyBuffer !== undefined) executor?.giveBackBuffer?.(copyBuffer);
    return selection.model(data, algorithm);
  }

  /** `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }
}

function assertEnoughWeightedRows(weights: Float64Array, k: number): void {
  let positive = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) positive++;
  if (positive < k) {
    throw new InvalidInputError(
      { argument: 'nClusters', value: k },
      `cannot fit ${k} clusters: only ${positive} rows have a positive sampleWeight`,
    );
  }
}
