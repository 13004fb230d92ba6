import type { FitWarning, Matrix } from '@mixkit/core';
import { rowSquaredNorms, squaredDistance } from '@mixkit/linalg';
import { ClusterSums } from './clusterSums.js';
import { createAssignment } from './createAssignment.js';
import type { KMeansData } from './kmeansData.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';
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
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly objective: readonly number[];
  readonly warnings: readonly FitWarning[];
  readonly distanceComputations: number;
}

/**
 * Lloyd's iteration with scikit-learn's stopping rule (`_kmeans_single_lloyd`): assign, update,
 * and stop when no label changed ("strict" convergence) or when the summed squared center shift
 * is at most `tolerance`. Unless strictly converged, a final assignment makes the labels those of
 * the returned centers. The assignment itself is the strategy's (Lloyd, Hamerly or Elkan); all
 * give the same labels, so the same centers. Yields after every iteration.
 */
export function* iterateCenters(
  data: KMeansData,
  initialCenters: Matrix,
  settings: IterationSettings,
): Generator<CenteredStep, CenteredRun, void> {
  const { rows: n, cols: d } = data.X;
  const k = initialCenters.rows;
  const strategy = createAssignment(settings.algorithm, data, k);
  let centers: Matrix = { rows: k, cols: d, data: Float64Array.from(initialCenters.data) };
  let next: Matrix = { rows: k, cols: d, data: new Float64Array(k * d) };
  const labels = new Int32Array(n).fill(-1);
  const centerNorms = new Float64Array(k);
  const sums = new ClusterSums(data, k);
  const clusterWeights = new Float64Array(k);
  const shifts = new Float64Array(k);
  const objective: number[] = [];
  const warnings: FitWarning[] = [];
  let extraDistances = 0;
  let converged = false;
  let strict = false;
  let iteration = 0;
  while (iteration < settings.maxIterations) {
    iteration++;
    rowSquaredNorms(centers, centerNorms);
    const labelsChanged = strategy.assign(centers, centerNorms, labels, sums);
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
    strategy.centersMoved(shifts, labels);
    [centers, next] = [next, centers];
    let centerShift = 0;
    for (let j = 0; j < k; j++) centerShift += shifts[j]! * shifts[j]!;
    objective.push(update.objective);
    strict = labelsChanged === 0;
    converged = strict || centerShift <= settings.tolerance;
    yield {
      iteration,
      centers,
      labels,
      objective: update.objective,
      centerShift,
      labelsChanged,
      reseeded: update.reseeded,
      distanceComputations: strategy.distanceComputations + extraDistances,
      converged,
    };
    if (converged) break;
  }
  if (!strict) {
    // Make the labels those of the final centers (scikit-learn reruns its E-step likewise).
    rowSquaredNorms(centers, centerNorms);
    strategy.assign(centers, centerNorms, labels, sums);
  }
  if (!converged && settings.maxIterations > 0) {
    warnings.push({ kind: 'not-converged', restart: settings.restart, iterations: iteration });
  }
  return {
    centers,
    labels,
    inertia: inertiaOf(data, centers, labels),
    iterations: iteration,
    converged,
    objective,
    warnings,
    distanceComputations: strategy.distanceComputations + extraDistances + n,
  };
}

/** Σ w_i ||x_i − c_{label_i}||², by differences (not the norm expansion) for accuracy. */
function inertiaOf(data: KMeansData, centers: Matrix, labels: Int32Array): number {
  const { X, weights } = data;
  const { rows: n, cols: d, data: x } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i]! * squaredDistance(x, i * d, centers.data, labels[i]! * d, d);
  }
  return total;
}
