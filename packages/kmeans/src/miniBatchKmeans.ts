import {
  assertClusterCount,
  assertNoWorkers,
  type Clusterer,
  closeShards,
  type FitOptions,
  type FitWarning,
  type IterationProgress,
  type Matrix,
  type MatrixInput,
  mapShards,
  NotFittedError,
  openShards,
  pause,
  planShards,
  type RandomSource,
  reportStep,
  runShardProgram,
  runShardProgramSync,
  type ShardProgram,
  sharedFloat64Array,
  sharedInt32Array,
  throwIfAborted,
  toMatrix,
  toRandom,
  toWeights,
} from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { inUnits } from './internal/inUnits.js';
import { normalizedWeights } from './internal/powerOfTwo.js';
import type { ScaledFrame } from './internal/scaledFrame.js';
import { KMeansModel } from './kmeansModel.js';
import {
  type MiniBatchKMeansOptions,
  type ResolvedMiniBatchOptions,
  resolveMiniBatchOptions,
} from './miniBatchOptions.js';
import { bestSeeding, miniBatchFrame } from './miniBatchSeeding.js';
import { createMiniBatchScratch, miniBatchStep } from './miniBatchStep.js';
import { reassignCenters } from './reassignCenters.js';
import { labelShardRows, labelTask } from './shards/labelTask.js';

/** The streaming state `partialFit` carries from batch to batch. */
interface StreamState {
  readonly frame: ScaledFrame;
  readonly centers: Matrix;
  readonly counts: Float64Array;
  readonly random: RandomSource;
  readonly warnings: FitWarning[];
  steps: number;
  sinceReassign: number;
  labels: Int32Array;
  inertia: number;
}

/**
 * Mini-batch k-means (Sculley 2010) with per-center learning rates, after scikit-learn's
 * `MiniBatchKMeans`: `fit` draws batches from an in-memory data set; `partialFit` consumes
 * streamed batches one at a time and `model` snapshots the result. Far fewer distance
 * computations than full k-means, at some cost in inertia.
 */
export class MiniBatchKMeans implements Clusterer<KMeansModel> {
  readonly nClusters: number;
  /** The options with their defaults filled in. */
  readonly options: ResolvedMiniBatchOptions;
  private stream: StreamState | undefined;

  constructor(options: MiniBatchKMeansOptions) {
    this.options = resolveMiniBatchOptions(options);
    this.nClusters = this.options.k;
  }

  /**
   * Fits on `X` by mini-batches drawn from it until the centers settle (or `maxIterations`
   * batches), in the caller's thread; the returned model's labels and inertia are computed on all
   * of `X` (see `fitAsync` for workers and time budgets).
   */
  fit(X: MatrixInput, options: FitOptions = {}): KMeansModel {
    assertNoWorkers(options.executor, 'MiniBatchKMeans.fit');
    const steps = runShardProgramSync(this.fitProgram(X, options));
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      options.onIteration?.(step.value);
      throwIfAborted(options.signal, 'MiniBatchKMeans.fit');
    }
  }

  /**
   * `fit` on `options.executor`: the mini-batch steps run in the caller's thread, yielding on a
   * 25 ms budget (so `signal` stops it within about 100 ms), and the final labelling of all rows
   * runs over shards of rows (in parallel on a worker pool). Same result, bit for bit, as `fit`.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<KMeansModel> {
    return runShardProgram(this.fitProgram(X, options), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'MiniBatchKMeans.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  *fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, KMeansModel> {
    const { k, batchSize, maxIterations, tolerance, maxNoImprovement, reassignmentRatio } =
      this.options;
    const matrix = toMatrix(X);
    const { rows: n, cols: d } = matrix;
    assertClusterCount(k, n);
    const given = toWeights(options.sampleWeight ?? new Float64Array(n).fill(1), n);
    const { weights, exponent: weightExponent } = normalizedWeights(given);
    const random = toRandom(options.random);
    const { frame, meanVariance } = miniBatchFrame(matrix);
    const { scale, offset } = frame;
    // Inertias in the units of the data and weights as given (frames are scaled, see miniBatchFrame).
    const power = -2 * frame.exponent - weightExponent;
    const toUnits = (value: number): number =>
      inUnits(value, power, 'inertia', frame.exponent !== 0);
    const warnings: FitWarning[] = [];
    const centers = bestSeeding(this.options, matrix, frame, weights, random);
    const counts = new Float64Array(k);
    const rows = Math.min(batchSize, n);
    const batch: Matrix = { rows, cols: d, data: new Float64Array(rows * d) };
    const batchWeights = new Float64Array(rows);
    const scratch = createMiniBatchScratch(rows, k, d);
    const previous = new Float64Array(k * d);
    const totalSteps = Math.floor((maxIterations * n) / rows);
    const stepsPerPass = Math.max(1, Math.ceil(n / rows));
    const alpha = Math.min(1, (2 * rows) / (n + 1));
    const objective: number[] = [];
    let ewa = Number.NaN;
    let ewaMin = Number.POSITIVE_INFINITY;
    let noImprovement = 0;
    let sinceReassign = 0;
    let converged = false;
    let step = 0;
    while (step < totalSteps) {
      throwIfAborted(options.signal, 'MiniBatchKMeans.fit');
      yield* pause();
      for (let r = 0; r < rows; r++) {
        const i = random.integer(n);
        batchWeights[r] = weights[i];
        for (let j = 0; j < d; j++) {
          batch.data[r * d + j] = matrix.data[i * d + j] * scale - offset[j];
        }
      }
      previous.set(centers.data);
      const inertia = miniBatchStep(batch, rows, batchWeights, centers, counts, scratch);
      step++;
      sinceReassign += rows;
      if (reassignmentRatio > 0 && (hasZero(counts) || sinceReassign >= 10 * k)) {
        sinceReassign = 0;
        for (const component of reassignCenters(
          batch,
          rows,
          batchWeights,
          centers,
          counts,
          reassignmentRatio,
          random,
        )) {
          warnings.push({
            kind: 'empty-component',
            restart: 0,
            iteration: step,
            component,
            action: 'reseeded',
          });
        }
      }
      const perRow = inertia / rows;
      ewa = Number.isNaN(ewa) ? perRow : ewa * (1 - alpha) + perRow * alpha;
      yield* reportStep({
        restart: 0,
        iteration: step,
        objective: toUnits(ewa),
        change: toUnits(Math.abs(perRow - ewa)),
      });
      if (step % stepsPerPass === 0) objective.push(ewa);
      let shift = 0;
      for (let t = 0; t < k * d; t++) shift += (centers.data[t] - previous[t]) ** 2;
      if (tolerance > 0 && shift <= tolerance * meanVariance) converged = true;
      if (ewa < ewaMin) {
        ewaMin = ewa;
        noImprovement = 0;
      } else if (maxNoImprovement > 0 && ++noImprovement >= maxNoImprovement) {
        converged = true;
      }
      if (converged) break;
    }
    if (!converged && totalSteps > 0)
      warnings.push({ kind: 'not-converged', restart: 0, iterations: step });
    if (objective.length === 0 || step % stepsPerPass !== 0) objective.push(ewa);
    const labels = sharedInt32Array(n);
    const squared = sharedFloat64Array(n);
    const setup = {
      X: matrix,
      frame: { scale: frame.scale, offset: frame.offset },
      centers,
      centerNorms: rowSquaredNorms(centers),
      labels,
      squared,
    };
    const plan = planShards(n, labelShardRows(n, d, k));
    const labelling = yield* openShards(labelTask, setup, plan, undefined);
    const labelled = yield* mapShards(labelling, null);
    yield* closeShards(labelling);
    labelled.forEach((shard, s) => {
      if (shard.labels !== undefined) labels.set(shard.labels, s * plan.shardRows);
      if (shard.squared !== undefined) squared.set(shard.squared, s * plan.shardRows);
    });
    let scaledTotal = 0;
    for (let i = 0; i < n; i++) scaledTotal += weights[i] * squared[i];
    const total = toUnits(scaledTotal);
    const iterations = Math.ceil((step * rows) / n);
    return new KMeansModel({
      centeredCenters: centers,
      frame,
      labels,
      inertia: total,
      iterations,
      converged,
      algorithm: 'mini-batch',
      distanceComputations: (step * rows + n) * k,
      diagnostics: {
        converged,
        iterations,
        objective: objective.filter((v) => !Number.isNaN(v)).map(toUnits),
        bestRestart: 0,
        restartObjectives: [total],
        warnings,
      },
    });
  }

  /**
   * Updates the clustering with one streamed batch (one mini-batch step over all its rows). The
   * first batch fixes the dimension and seeds the centers, so it needs at least k rows. Returns
   * `this`; read the current result with `model`.
   */
  partialFit(batch: MatrixInput, options: FitOptions = {}): this {
    const { k, reassignmentRatio } = this.options;
    throwIfAborted(options.signal, 'MiniBatchKMeans.partialFit');
    const matrix = toMatrix(batch, {
      argument: 'batch',
      ...(this.stream ? { cols: this.stream.frame.offset.length } : {}),
    });
    const { rows, cols: d } = matrix;
    const weights = toWeights(options.sampleWeight ?? new Float64Array(rows).fill(1), rows);
    const stream = this.stream ?? this.startStream(matrix, weights, options);
    const { scale, offset } = stream.frame;
    const centered: Matrix = { rows, cols: d, data: new Float64Array(rows * d) };
    for (let t = 0; t < rows * d; t++) centered.data[t] = matrix.data[t] * scale - offset[t % d];
    const scratch = createMiniBatchScratch(rows, k, d);
    const inertia = miniBatchStep(centered, rows, weights, stream.centers, stream.counts, scratch);
    stream.steps++;
    stream.sinceReassign += rows;
    if (reassignmentRatio > 0 && (hasZero(stream.counts) || stream.sinceReassign >= 10 * k)) {
      stream.sinceReassign = 0;
      const moved = reassignCenters(
        centered,
        rows,
        weights,
        stream.centers,
        stream.counts,
        reassignmentRatio,
        stream.random,
      );
      for (const component of moved) {
        stream.warnings.push({
          kind: 'empty-component',
          restart: 0,
          iteration: stream.steps,
          component,
          action: 'reseeded',
        });
      }
    }
    stream.labels = Int32Array.from(scratch.labels.subarray(0, rows));
    stream.inertia = inUnits(
      inertia,
      -2 * stream.frame.exponent,
      'inertia',
      stream.frame.exponent !== 0,
    );
    options.onIteration?.({
      restart: 0,
      iteration: stream.steps,
      objective: stream.inertia / rows,
      change: Number.NaN,
    });
    return this;
  }

  /**
   * The streamed clustering so far: current centers, the labels and inertia of the last batch,
   * `iterations` = batches seen. Streams have no end, so `converged` is false (and not warned).
   */
  get model(): KMeansModel {
    const stream = this.stream;
    if (stream === undefined) throw new NotFittedError('MiniBatchKMeans (call partialFit first)');
    return new KMeansModel({
      centeredCenters: { ...stream.centers, data: Float64Array.from(stream.centers.data) },
      frame: stream.frame,
      labels: stream.labels,
      inertia: stream.inertia,
      iterations: stream.steps,
      converged: false,
      algorithm: 'mini-batch',
      distanceComputations: 0,
      diagnostics: {
        converged: false,
        iterations: stream.steps,
        objective: [stream.inertia],
        bestRestart: 0,
        restartObjectives: [stream.inertia],
        warnings: [...stream.warnings],
      },
    });
  }

  private startStream(matrix: Matrix, weights: Float64Array, options: FitOptions): StreamState {
    assertClusterCount(this.options.k, matrix.rows);
    const random = toRandom(options.random);
    const { frame } = miniBatchFrame(matrix);
    const centers = bestSeeding(this.options, matrix, frame, weights, random);
    this.stream = {
      frame,
      centers,
      counts: new Float64Array(this.options.k),
      random,
      warnings: [],
      steps: 0,
      sinceReassign: 0,
      labels: new Int32Array(0),
      inertia: 0,
    };
    return this.stream;
  }
}

function hasZero(counts: Float64Array): boolean {
  for (let j = 0; j < counts.length; j++) if (counts[j] === 0) return true;
  return false;
}
