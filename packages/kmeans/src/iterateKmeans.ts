import {
  assertClusterCount,
  assertInteger,
  assertNumber,
  createMatrix,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  toMatrix,
  toWeights,
} from '@mixkit/core';
import { NearestCenters } from '@mixkit/linalg';
import { inUnits } from './internal/inUnits.js';
import { timesPowerOfTwo } from './internal/powerOfTwo.js';
import { fromFrame, toFrame } from './internal/scaledFrame.js';
import { iterateCenters } from './iterateCenters.js';
import { prepareKmeansData } from './kmeansData.js';
import { KMeansModel } from './kmeansModel.js';
import { type KMeansAlgorithm, resolveAlgorithm } from './kmeansOptions.js';

/** Options of `iterateKmeans`. */
export interface IterateKmeansOptions {
  /** The k x d initial centers (e.g. from `kmeansPlusPlus`). */
  readonly centers: MatrixInput;
  /** Default `'auto'`. */
  readonly algorithm?: KMeansAlgorithm;
  /** Default 300. */
  readonly maxIterations?: number;
  /** Relative tolerance as in `KMeansOptions.tolerance`. Default 1e-4. */
  readonly tolerance?: number;
  /** Per-row weights (non-negative, length n); every row weighs 1 when absent. */
  readonly sampleWeight?: ArrayLike<number>;
}

/** One iteration of k-means, as `iterateKmeans` yields it. */
export interface KMeansStep {
  /** 1-based. */
  readonly iteration: number;
  /** The centers after this iteration's update (a fresh k x d matrix). */
  readonly centers: Matrix;
  /** This iteration's labels (a live buffer: copy it to keep it past the next step). */
  readonly labels: Int32Array;
  /** Inertia of these labels under the centers they were assigned to. */
  readonly objective: number;
  /** Σ_j ||c_j(new) − c_j(old)||². */
  readonly centerShift: number;
  /** How many rows changed label (n on the first iteration). */
  readonly labelsChanged: number;
  /** Clusters that were empty and re-seeded at far rows in this iteration. */
  readonly reseeded: readonly number[];
  /** Distances computed so far. */
  readonly distanceComputations: number;
  /** True when this is the last iteration because the run converged. */
  readonly converged: boolean;
}

/**
 * k-means one iteration at a time, from given initial centers: yields a `KMeansStep` after each
 * Lloyd iteration and returns the fitted `KMeansModel` when the run stops (as `KMeans.fit` does
 * for one restart). Stop early by simply not pulling more steps.
 *
 * ```ts
 * const steps = iterateKmeans(X, { centers: kmeansPlusPlus(toMatrix(X), 3, createRandom(1)) });
 * for (let s = steps.next(); !s.done; s = steps.next()) console.log(s.value.objective);
 * ```
 */
export function* iterateKmeans(
  X: MatrixInput,
  options: IterateKmeansOptions,
): Generator<KMeansStep, KMeansModel, void> {
  const matrix = toMatrix(X);
  const { rows: n, cols: d } = matrix;
  const maxIterations = options.maxIterations ?? 300;
  assertInteger(maxIterations, 'maxIterations', 0);
  const tolerance = options.tolerance ?? 1e-4;
  assertNumber(tolerance, 'tolerance', { min: 0 });
  const initial = toMatrix(options.centers, { argument: 'centers', cols: d });
  const k = initial.rows;
  assertClusterCount(k, n, 'centers');
  const weights =
    options.sampleWeight === undefined ? undefined : toWeights(options.sampleWeight, n);
  const data = prepareKmeansData(matrix, weights);
  const requested = options.algorithm ?? 'auto';
  if (!['lloyd', 'hamerly', 'elkan', 'yinyang', 'auto'].includes(requested)) {
    throw new InvalidInputError(
      { argument: 'algorithm', value: requested },
      "expected 'lloyd', 'hamerly', 'elkan', 'yinyang' or 'auto'",
    );
  }
  const algorithm = resolveAlgorithm(requested, k, NearestCenters.fusesLloyd(k, d));
  const centered = toFrame(initial, 0, k, data.frame, new Float64Array(k * d));
  // Objectives in the units of the data and weights as given (see prepareKmeansData).
  const power = -2 * data.frame.exponent - data.weightExponent;
  const toUnits = (value: number): number =>
    inUnits(value, power, 'inertia', data.frame.exponent !== 0);
  const steps = iterateCenters(data, createMatrix(k, d, centered), {
    algorithm,
    maxIterations,
    tolerance: tolerance * data.meanVariance,
    restart: 0,
  });
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      const run = step.value;
      const inertia = toUnits(run.inertia);
      return new KMeansModel({
        centeredCenters: run.centers,
        frame: data.frame,
        labels: run.labels,
        inertia,
        iterations: run.iterations,
        converged: run.converged,
        algorithm,
        distanceComputations: run.distanceComputations,
        diagnostics: {
          converged: run.converged,
          iterations: run.iterations,
          objective: run.objective.map(toUnits),
          bestRestart: 0,
          restartObjectives: [inertia],
          warnings: run.warnings,
        },
      });
    }
    const { centers, objective, centerShift, ...rest } = step.value;
    yield {
      ...rest,
      objective: toUnits(objective),
      centerShift: timesPowerOfTwo(centerShift, -2 * data.frame.exponent),
      centers: createMatrix(k, d, fromFrame(centers, data.frame)),
    };
  }
}
