import {
  assertClusterCount,
  assertNoWorkers,
  type Clusterer,
  closeShards,
  createMatrix,
  type FitOptions,
  type FitWarning,
  InvalidInputError,
  type IterationProgress,
  type Matrix,
  type MatrixInput,
  mapShards,
  openShards,
  reportStep,
  runShardProgram,
  runShardProgramSync,
  type ShardProgram,
  sharedFloat64Array,
  throwIfAborted,
  toMatrix,
  toRandom,
  toWeights,
} from '@mixkit/core';
import { inUnits } from '../internal/inUnits.js';
import {
  largestMagnitude,
  normalizedWeights,
  normalizingExponent,
} from '../internal/powerOfTwo.js';
import { rowNorms } from './dissimilarities.js';
import { dissimilarityPlan, dissimilarityTask } from './dissimilarityTask.js';
import { fasterPamProgram } from './fasterPam.js';
import { initialMedoids } from './initialMedoids.js';
import { KMedoidsModel } from './kmedoidsModel.js';
import {
  type KMedoidsOptions,
  type ResolvedKMedoidsOptions,
  resolveKMedoidsOptions,
} from './kmedoidsOptions.js';

/**
 * k-medoids clustering with the FasterPAM swap algorithm (Schubert & Rousseeuw 2021): chooses k
 * rows ("medoids") minimising the total (weighted) distance of every row to its nearest medoid,
 * under Euclidean, Manhattan or cosine distance, or a precomputed n x n dissimilarity matrix
 * (`metric: 'precomputed'`, passed as X). Needs the n x n matrix in memory (8n² bytes).
 *
 * ```ts
 * const model = new KMedoids({ nClusters: 3, metric: 'manhattan' }).fit(X);
 * model.medoidIndices; model.labels; model.totalDeviation;
 * ```
 */
export class KMedoids implements Clusterer<KMedoidsModel> {
  readonly nClusters: number;
  /** The options with their defaults filled in. */
  readonly options: ResolvedKMedoidsOptions;

  constructor(options: KMedoidsOptions) {
    this.options = resolveKMedoidsOptions(options);
    this.nClusters = this.options.k;
  }

  /**
   * Fits the medoids to `X` (or, with `'precomputed'`, to the n x n dissimilarities X) in the
   * caller's thread: the `init` medoids (BUILD, k-means++, random or given rows), then FasterPAM
   * swaps until no swap lowers the total deviation (see `fitAsync` for workers and time budgets).
   */
  fit(X: MatrixInput, options: FitOptions = {}): KMedoidsModel {
    assertNoWorkers(options.executor, 'KMedoids.fit');
    const steps = runShardProgramSync(this.fitProgram(X, options));
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      options.onIteration?.(step.value);
      throwIfAborted(options.signal, 'KMedoids.fit');
    }
  }

  /**
   * `fit` on `options.executor`: the n x n dissimilarities over shards of rows and the swap
   * search over shards of candidates (both in parallel on a worker pool), yielding on a 25 ms
   * budget in the caller's thread, so `signal` stops it within about 100 ms. Same result, bit
   * for bit, as `fit`.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<KMedoidsModel> {
    return runShardProgram(this.fitProgram(X, options), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'KMedoids.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  *fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, KMedoidsModel> {
    const { k, metric, init, maxIterations } = this.options;
    throwIfAborted(options.signal, 'KMedoids.fit');
    const matrix = toMatrix(X);
    const n = matrix.rows;
    assertClusterCount(k, n);
    const given = toWeights(options.sampleWeight ?? new Float64Array(n).fill(1), n);
    // Data and weights of extreme magnitude are scaled by powers of two (exact): distances near
    // 1e300 would overflow their sums, near 1e-300 underflow and tie (see normalizingExponent).
    const { weights, exponent: weightExponent } = normalizedWeights(given);
    let D: Float64Array;
    let exponent: number;
    if (metric === 'precomputed') {
      D = checkedDissimilarities(matrix);
      exponent = normalizingExponent(largestMagnitude(D));
      if (exponent !== 0) D = scaledCopy(D, exponent);
    } else {
      // A zero row has no cosine direction: rejected here, naming its row in the whole data.
      if (metric === 'cosine') rowNorms(matrix, 'X');
      exponent = normalizingExponent(largestMagnitude(matrix.data));
      const scaled =
        exponent === 0 ? matrix : createMatrix(n, matrix.cols, scaledCopy(matrix.data, exponent));
      D = sharedFloat64Array(n * n);
      const plan = dissimilarityPlan(scaled);
      const session = yield* openShards(
        dissimilarityTask,
        { X: scaled, metric, D },
        plan,
        undefined,
      );
      const blocks = yield* mapShards(session, null);
      yield* closeShards(session);
      blocks.forEach((block, s) => {
        if (block !== undefined) D.set(block, s * plan.shardRows * n);
      });
    }
    // Cosine distances do not scale with the data; the others do, linearly.
    const power = (metric === 'cosine' ? 0 : -exponent) - weightExponent;
    const toUnits = (value: number): number =>
      inUnits(value, power, 'total deviation', exponent !== 0);
    const random = toRandom(options.random);
    const medoids = initialMedoids(init, D, n, k, weights, random);
    throwIfAborted(options.signal, 'KMedoids.fit');
    const result = yield* fasterPamProgram(D, n, medoids, weights, maxIterations);
    const trace = result.trace.map(toUnits);
    for (const [index, objective] of trace.entries()) {
      yield* reportStep({
        restart: 0,
        iteration: index + 1,
        objective,
        change: index === 0 ? Number.POSITIVE_INFINITY : Math.abs(objective - trace[index - 1]),
      });
    }
    const totalDeviation = toUnits(result.totalDeviation);
    const warnings: FitWarning[] = [];
    if (!result.converged && maxIterations > 0) {
      warnings.push({ kind: 'not-converged', restart: 0, iterations: result.iterations });
    }
    const medoidRows = metric === 'precomputed' ? undefined : rowsOf(matrix, medoids);
    return new KMedoidsModel({
      metric,
      scale: metric === 'precomputed' ? 1 : 2 ** exponent,
      dimension: matrix.cols,
      medoidIndices: medoids,
      medoids: medoidRows,
      labels: Int32Array.from(result.assignment.nearest),
      totalDeviation,
      iterations: result.iterations,
      swaps: result.swaps,
      converged: result.converged,
      diagnostics: {
        converged: result.converged,
        iterations: result.iterations,
        objective: trace,
        bestRestart: 0,
        restartObjectives: [totalDeviation],
        warnings,
      },
    });
  }

  /** `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }
}

/** `values` times 2^exponent, copied. */
function scaledCopy(values: Float64Array, exponent: number): Float64Array {
  const factor = 2 ** exponent;
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = values[t] * factor;
  return out;
}

function rowsOf(X: Matrix, indices: Int32Array): Matrix {
  const d = X.cols;
  const out = new Float64Array(indices.length * d);
  indices.forEach((row, m) => {
    out.set(X.data.subarray(row * d, row * d + d), m * d);
  });
  return createMatrix(indices.length, d, out);
}

/** A precomputed matrix must be square with non-negative entries (toMatrix checked finiteness). */
function checkedDissimilarities(D: Matrix): Float64Array {
  if (D.rows !== D.cols) {
    throw new InvalidInputError(
      { argument: 'X', value: `${D.rows}x${D.cols}` },
      "metric 'precomputed' needs a square n x n dissimilarity matrix",
    );
  }
  const n = D.rows;
  for (let t = 0; t < n * n; t++) {
    if (D.data[t] < 0) {
      throw new InvalidInputError(
        { argument: 'X', row: Math.floor(t / n), column: t % n, value: D.data[t] },
        'dissimilarities must be >= 0',
      );
    }
  }
  return D.data;
}
