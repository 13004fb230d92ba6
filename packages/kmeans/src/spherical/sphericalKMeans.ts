import {
  assertClusterCount,
  assertNoWorkers,
  type Clusterer,
  createMatrix,
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
import { kmeansPlusPlus } from '../init/kmeansPlusPlus.js';
import { randomRows } from '../init/randomRows.js';
import { inUnits } from '../internal/inUnits.js';
import { normalizedWeights } from '../internal/powerOfTwo.js';
import { assignByCosine } from './assignByCosine.js';
import { conceptVectors } from './conceptVectors.js';
import { type CosineWorkspace, cosineWorkspace } from './cosineWorkspace.js';
import { normalizedRows } from './normalizedRows.js';
import { SphericalKMeansModel } from './sphericalKMeansModel.js';
import {
  type ResolvedSphericalKMeansOptions,
  resolveSphericalKMeansOptions,
  type SphericalKMeansOptions,
} from './sphericalKMeansOptions.js';

/** One run's outcome. */
interface SphericalRun {
  readonly centers: Matrix;
  readonly labels: Int32Array;
  readonly cohesion: number;
  readonly trace: number[];
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Spherical k-means (Dhillon & Modha 2001, "Concept decompositions for large sparse text data
 * using clustering", Machine Learning 42): k-means for directions. Rows are normalised to unit
 * length; each is assigned to the unit centre of highest cosine similarity, and each centre
 * becomes the normalised weighted sum of its rows (its "concept vector"). The cohesion
 * Σ w·cos(x, c) never decreases. It is the hard-assignment limit of a von Mises–Fisher mixture
 * with a shared concentration (Banerjee et al. 2005), and seeds one well.
 *
 * ```ts
 * const model = new SphericalKMeans({ nClusters: 8 }).fit(embeddings, { random: 1 });
 * model.labels; model.centers; model.cohesion; model.predict(moreEmbeddings);
 * ```
 */
export class SphericalKMeans implements Clusterer<SphericalKMeansModel> {
  readonly nClusters: number;
  /** The options with their defaults filled in. */
  readonly options: ResolvedSphericalKMeansOptions;

  constructor(options: SphericalKMeansOptions) {
    this.options = resolveSphericalKMeansOptions(options);
    this.nClusters = this.options.nClusters;
  }

  /**
   * Fits the model. Throws `InvalidInputError` for bad data (empty, NaN, a row of norm 0),
   * nClusters > n, bad weights or initial centres of the wrong shape; `AbortedError` when
   * `signal` fires. Not converging within `maxIterations` is a warning, never thrown.
   */
  fit(X: MatrixInput, options: FitOptions = {}): SphericalKMeansModel {
    assertNoWorkers(options.executor, 'SphericalKMeans.fit');
    const steps = runShardProgramSync(this.fitProgram(X, options));
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      options.onIteration?.(step.value);
      throwIfAborted(options.signal, 'SphericalKMeans.fit');
    }
  }

  /**
   * `fit` that yields to the event loop whenever 25 ms of work have passed (checked after every
   * iteration), so `signal` stops it within about 100 ms of an abort and a page stays responsive.
   * It runs in the caller's thread (its loops over rows are not shard tasks yet), with the same
   * result, bit for bit, as `fit`.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<SphericalKMeansModel> {
    return runShardProgram(this.fitProgram(X, options), {
      signal: options.signal,
      onStep: options.onIteration,
      what: 'SphericalKMeans.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  *fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, SphericalKMeansModel> {
    const { nClusters: k, init } = this.options;
    const matrix = toMatrix(X);
    const n = matrix.rows;
    assertClusterCount(k, n, 'nClusters');
    const workspace = cosineWorkspace(matrix, k);
    const { unit } = workspace;
    const given = toWeights(options.sampleWeight ?? new Float64Array(n).fill(1), n);
    // Weights of extreme magnitude (all 1e308, or subnormal) are scaled by a power of two,
    // exactly: concept vectors are normalised, so only the cohesion carries the factor back.
    const { weights, exponent: weightExponent } = normalizedWeights(given);
    const toUnits = (value: number): number => inUnits(value, -weightExponent, 'cohesion', false);
    let positive = 0;
    for (const w of weights) if (w > 0) positive += 1;
    if (positive < k) {
      throw new InvalidInputError(
        { argument: 'sampleWeight', value: positive },
        `only ${positive} rows have positive weight, fewer than nClusters = ${k}`,
      );
    }
    const start = typeof init === 'string' ? undefined : givenCenters(init, k, unit.cols);
    const restarts = start === undefined ? this.options.nInit : 1;
    // The seed comes with the fit (`random` in FitOptions), as for every clusterer.
    const random = toRandom(options.random);
    const warnings: FitWarning[] = [];
    const restartObjectives: number[] = [];
    let best: SphericalRun | undefined;
    let bestRestart = 0;
    for (let restart = 0; restart < restarts; restart++) {
      throwIfAborted(options.signal, 'SphericalKMeans.fit');
      const initial = start ?? this.seed(unit, k, random.split(), weights);
      const run = yield* this.run(workspace, weights, initial, restart, warnings, options, toUnits);
      restartObjectives.push(toUnits(run.cohesion));
      if (best === undefined || run.cohesion > best.cohesion) {
        best = run;
        bestRestart = restart;
      }
    }
    if (best === undefined) throw new Error('unreachable: at least one restart runs');
    return new SphericalKMeansModel({
      centers: best.centers,
      labels: best.labels,
      cohesion: toUnits(best.cohesion),
      iterations: best.iterations,
      converged: best.converged,
      diagnostics: {
        converged: best.converged,
        iterations: best.iterations,
        objective: best.trace.map(toUnits),
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

  /** k-means++ (D² = 2(1 − cos) on unit rows) or random rows, as unit centres. */
  private seed(unit: Matrix, k: number, random: RandomSource, weights: Float64Array): Matrix {
    const chosen =
      this.options.init === 'random'
        ? randomRows(unit, k, random, weights)
        : kmeansPlusPlus(unit, k, random, weights);
    return createMatrix(k, unit.cols, Float64Array.from(chosen.data));
  }

  /**
   * One run from `initial`: assign by cosine, recompute concept vectors, until no label changes
   * or the cohesion grows by at most `tolerance` of itself; then a final assignment, so the
   * labels are those of the returned centres.
   */
  private *run(
    workspace: CosineWorkspace,
    weights: Float64Array,
    initial: Matrix,
    restart: number,
    warnings: FitWarning[],
    options: FitOptions,
    toUnits: (value: number) => number,
  ): ShardProgram<IterationProgress, SphericalRun> {
    const { maxIterations, tolerance } = this.options;
    const { unit } = workspace;
    const n = unit.rows;
    const centers = initial;
    const labels = new Int32Array(n).fill(-1);
    const similarity = new Float64Array(n);
    const trace: number[] = [];
    let changed = assignByCosine(workspace, centers, labels, similarity);
    let cohesion = weightedSum(weights, similarity);
    let converged = maxIterations === 0;
    let iterations = 0;
    while (iterations < maxIterations) {
      throwIfAborted(options.signal, 'SphericalKMeans.fit');
      iterations += 1;
      const reseeded = conceptVectors(unit, weights, labels, similarity, centers);
      for (const component of reseeded) {
        warnings.push({
          kind: 'empty-component',
          restart,
          iteration: iterations,
          component,
          action: 'reseeded',
        });
      }
      changed = assignByCosine(workspace, centers, labels, similarity);
      const next = weightedSum(weights, similarity);
      const change = next - cohesion;
      cohesion = next;
      trace.push(cohesion);
      yield* reportStep({
        restart,
        iteration: iterations,
        objective: toUnits(cohesion),
        change: toUnits(Math.abs(change)),
      });
      throwIfAborted(options.signal, 'SphericalKMeans.fit');
      if (reseeded.length === 0 && (changed === 0 || change <= tolerance * Math.abs(cohesion))) {
        converged = true;
        break;
      }
    }
    if (!converged) warnings.push({ kind: 'not-converged', restart, iterations });
    return { centers, labels, cohesion, trace, iterations, converged };
  }
}

function weightedSum(weights: Float64Array, values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += weights[i] * values[i];
  return sum;
}

/** Given initial centres as a k x d matrix of non-zero rows, normalised. */
function givenCenters(init: MatrixInput, k: number, d: number): Matrix {
  const matrix = toMatrix(init, { argument: 'init', cols: d });
  if (matrix.rows !== k) {
    throw new InvalidInputError(
      { argument: 'init', value: matrix.rows },
      `expected ${k} initial centres (nClusters)`,
    );
  }
  return normalizedRows(matrix, 'init');
}
