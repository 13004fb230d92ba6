import {
  assertClusterCount,
  assertNoWorkers,
  type Clusterer,
  closeShards,
  type FitOptions,
  type FitWarning,
  InvalidInputError,
  type IterationProgress,
  type Matrix,
  type MatrixInput,
  type RandomSource,
  reportStep,
  runShardProgram,
  runShardProgramSync,
  type ShardProgram,
  throwIfAborted,
  toMatrix,
  toRandom,
  toWeights,
} from '@mixkit/core';
import { NearestCenters } from '@mixkit/linalg';
import { kmeansPlusPlusProgram } from './init/kmeansPlusPlus.js';
import { randomRows } from './init/randomRows.js';
import { inUnits } from './internal/inUnits.js';
import { toFrame } from './internal/scaledFrame.js';
import { type CenteredRun, centersProgram, openAssignSession } from './iterateCenters.js';
import { type KMeansData, prepareKmeansData } from './kmeansData.js';
import { KMeansModel } from './kmeansModel.js';
import {
  type KMeansOptions,
  type ResolvedKMeansOptions,
  resolveAlgorithm,
  resolveKMeansOptions,
} from './kmeansOptions.js';

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
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<KMeansModel> {
    return runShardProgram(this.fitProgram(X, options), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'KMeans.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  *fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, KMeansModel> {
    const { k, maxIterations, tolerance, init } = this.options;
    const matrix = toMatrix(X);
    const n = matrix.rows;
    assertClusterCount(k, n);
    const weights =
      options.sampleWeight === undefined ? undefined : toWeights(options.sampleWeight, n);
    if (weights !== undefined) assertEnoughWeightedRows(weights, k);
    const data = prepareKmeansData(matrix, weights);
    const algorithm = resolveAlgorithm(
      this.options.algorithm,
      k,
      NearestCenters.fusesLloyd(k, matrix.cols),
    );
    const given = typeof init === 'string' || typeof init === 'function' ? undefined : init;
    const explicit = given === undefined ? undefined : centeredCenters(given, data, k);
    const restarts = explicit === undefined ? this.options.nInit : 1;
    const random = toRandom(options.random);
    // Objectives in the units of the data and weights as given (see prepareKmeansData).
    const power = -2 * data.frame.exponent - data.weightExponent;
    const scaledX = data.frame.exponent !== 0;
    const toUnits = (value: number): number => inUnits(value, power, 'inertia', scaledX);
    const restartObjectives: number[] = [];
    const warnings: FitWarning[] = [];
    let best: CenteredRun | undefined;
    let bestRestart = 0;
    let distanceComputations = 0;
    const session = yield* openAssignSession(data, algorithm, k);
    for (let restart = 0; restart < restarts; restart++) {
      throwIfAborted(options.signal, 'KMeans.fit');
      const initial = explicit ?? (yield* this.seed(data, matrix, k, random.split(), weights));
      const steps = centersProgram(data, session, initial, {
        algorithm,
        maxIterations,
        tolerance: tolerance * data.meanVariance,
        restart,
      });
      let previous = Number.NaN;
      let reply: unknown;
      let step = steps.next();
      while (!step.done) {
        const event = step.value;
        if (event.type === 'step') {
          const { iteration } = event.step;
          const objective = toUnits(event.step.objective);
          const change = Number.isNaN(previous)
            ? Number.POSITIVE_INFINITY
            : Math.abs(objective - previous);
          yield* reportStep({ restart, iteration, objective, change });
          previous = objective;
          reply = undefined;
        } else {
          reply = yield event;
        }
        step = steps.next(reply);
      }
      const run = step.value;
      restartObjectives.push(toUnits(run.inertia));
      warnings.push(...run.warnings);
      distanceComputations += run.distanceComputations;
      if (best === undefined || run.inertia < best.inertia) {
        // The session's labels are overwritten by the next restart.
        best = { ...run, labels: run.labels.slice() };
        bestRestart = restart;
      }
    }
    yield* closeShards(session.handle);
    if (best === undefined) throw new Error('unreachable: nInit >= 1');
    return new KMeansModel({
      centeredCenters: best.centers,
      frame: data.frame,
      labels: best.labels,
      inertia: toUnits(best.inertia),
      iterations: best.iterations,
      converged: best.converged,
      algorithm,
      distanceComputations,
      diagnostics: {
        converged: best.converged,
        iterations: best.iterations,
        objective: best.objective.map(toUnits),
        bestRestart,
        restartObjectives,
        warnings,
      },
    });
  }

  /** `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }

  /** Initial centers for one restart, in the centered frame of `data`. */
  private *seed(
    data: KMeansData,
    original: Matrix,
    k: number,
    random: RandomSource,
    weights: Float64Array | undefined,
  ): ShardProgram<never, Matrix> {
    const { init } = this.options;
    // Built-in seeders pick rows, so they can work on the centered copy directly.
    if (init === 'k-means++') return yield* kmeansPlusPlusProgram(data.X, k, random, weights);
    if (init === 'random') return randomRows(data.X, k, random, weights);
    if (typeof init === 'function')
      return centeredCenters(init(original, k, random, weights), data, k);
    throw new Error('unreachable: explicit centers are not seeded');
  }
}

/** Validates k x d initial centers and moves them into the data's frame. */
function centeredCenters(input: MatrixInput, data: KMeansData, k: number): Matrix {
  const d = data.X.cols;
  const centers = toMatrix(input, { argument: 'init', cols: d });
  if (centers.rows !== k) {
    throw new InvalidInputError({ argument: 'init', value: centers.rows }, `expected ${k} centers`);
  }
  return { rows: k, cols: d, data: toFrame(centers, 0, k, data.frame, new Float64Array(k * d)) };
}

function assertEnoughWeightedRows(weights: Float64Array, k: number): void {
  let positive = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) positive++;
  if (positive < k) {
    throw new InvalidInputError(
      { argument: 'nClusters', value: k },
      `cannot fit ${k} clusters: only ${positive} rows have a positive sampleWeight`,
    );
  }
}
