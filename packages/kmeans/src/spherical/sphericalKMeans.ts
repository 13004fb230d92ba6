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
import { inUnits } from '../internal/inUnits.js';
import { normalizedWeights } from '../internal/powerOfTwo.js';
import { cosineWorkspace } from './cosineWorkspace.js';
import { normalizedRows } from './normalizedRows.js';
import { SphericalKMeansModel } from './sphericalKMeansModel.js';
import {
  type ResolvedSphericalKMeansOptions,
  resolveSphericalKMeansOptions,
  type SphericalKMeansOptions,
} from './sphericalKMeansOptions.js';
import { sphericalRestartTask } from './sphericalRestartTask.js';
import { runSpherical, type SphericalRun, seedConceptVectors } from './sphericalRun.js';

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
   * Its passes run in the caller's thread (they are not shard tasks yet); with 2 or more workers
   * in `executor`, several seeded restarts of a built-in `init` and no `onIteration`, restart 0
   * is timed here and the others run one per worker when they would take at least 20 ms
   * (`'auto'`, see core's `RestartPlacement`). Same result, bit for bit, as `fit`.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<SphericalKMeansModel> {
    const placement =
      (options.executor?.workers ?? 0) >= 2 && options.onIteration === undefined
        ? 'auto'
        : 'sequential';
    return runShardProgram(this.fitProgram(X, options, placement), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'SphericalKMeans.fit',
    });
  }

  /**
   * The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`).
   * Unless `placement` is `'sequential'`, several seeded restarts of a built-in `init` run
   * restart 0 here and the others as `sphericalRestartTask`, one restart per shard (`'auto'`:
   * only when restart 0's time says they are worth sending). The winner is the same either way.
   */
  *fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
    placement: RestartPlacement = 'sequential',
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
    const keep = (run: SphericalRun, restart: number) => {
      restartObjectives.push(toUnits(run.cohesion));
      if (best === undefined || run.cohesion > best.cohesion) {
        best = run;
        bestRestart = restart;
      }
    };
    // Passes are always in this thread, so restarts are the only parallel work at any size.
    const states =
      placement !== 'sequential' && typeof init === 'string'
        ? parallelRestartStates(random, restarts, 1)
        : undefined;
    const started = now();
    let restart = 0;
    for (; restart < restarts; restart++) {
      if (states !== undefined && sendRestartsNow(placement, restart, now() - started, restarts))
        break;
      throwIfAborted(options.signal, 'SphericalKMeans.fit');
      // Given centres draw nothing; a seeding draws from its restart's stream.
      const initial =
        typeof init !== 'string'
          ? start
          : seedConceptVectors(
              init,
              unit,
              k,
              states === undefined ? random.split() : restartStream(states, restart),
              weights,
            );
      if (initial === undefined) throw new Error('unreachable: given centres were checked');
      const settings = { ...this.options, signal: options.signal };
      keep(
        yield* runSpherical(workspace, weights, initial, restart, warnings, settings, toUnits),
        restart,
      );
    }
    if (restart < restarts && states !== undefined && typeof init === 'string') {
      const { maxIterations, tolerance } = this.options;
      const setup = { X: matrix, weights, k, init, maxIterations, tolerance };
      const handle = yield* openShards(
        sphericalRestartTask,
        { ...setup, randomStates: states.slice(restart), firstRestart: restart },
        planShards(restarts - restart, 1),
        workspace,
      );
      const runs = yield* mapShards(handle, undefined);
      yield* closeShards(handle);
      for (const [s, { warnings: own, ...run }] of runs.entries()) {
        warnings.push(...own);
        keep(run, restart + s);
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
