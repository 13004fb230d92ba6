import {
  createMatrix,
  type FitWarning,
  type IterationProgress,
  type Matrix,
  type RandomSource,
  reportStep,
  type ShardProgram,
  throwIfAborted,
} from '@mixkit/core';
import { kmeansPlusPlus } from '../init/kmeansPlusPlus.js';
import { randomRows } from '../init/randomRows.js';
import { assignByCosine } from './assignByCosine.js';
import { conceptVectors } from './conceptVectors.js';
import type { CosineWorkspace } from './cosineWorkspace.js';

/** One run's outcome. */
export interface SphericalRun {
  /** Final unit centres, k x d. */
  readonly centers: Matrix;
  /** Final labels. */
  readonly labels: Int32Array;
  /** Final cohesion, in the fit's scaled weights. */
  readonly cohesion: number;
  /** Cohesion after each iteration, scaled likewise. */
  readonly trace: number[];
  /** Iterations run. */
  readonly iterations: number;
  /** Whether it converged. */
  readonly converged: boolean;
}

/** What one run needs of the clusterer's options, and the fit's abort signal. */
export interface SphericalRunSettings {
  /** Iteration cap. */
  readonly maxIterations: number;
  /** Convergence tolerance (relative to the cohesion). */
  readonly tolerance: number;
  /** Stops the run between iterations (in the fit's own thread). */
  readonly signal?: AbortSignal | undefined;
}

/** k-means++ (D² = 2(1 − cos) on unit rows) or random rows, as unit centres. */
export function seedConceptVectors(
  init: 'k-means++' | 'random',
  unit: Matrix,
  k: number,
  random: RandomSource,
  weights: Float64Array,
): Matrix {
  const chosen =
    init === 'random'
      ? randomRows(unit, k, random, weights)
      : kmeansPlusPlus(unit, k, random, weights);
  return createMatrix(k, unit.cols, Float64Array.from(chosen.data));
}

/**
 * One run from `initial`: assign by cosine, recompute concept vectors, until no label changes
 * or the cohesion grows by at most `tolerance` of itself; then a final assignment, so the
 * labels are those of the returned centres. Warnings go to `warnings` as they arise.
 */
export function* runSpherical(
  workspace: CosineWorkspace,
  weights: Float64Array,
  initial: Matrix,
  restart: number,
  warnings: FitWarning[],
  settings: SphericalRunSettings,
  toUnits: (value: number) => number,
): ShardProgram<IterationProgress, SphericalRun> {
  const { maxIterations, tolerance } = settings;
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
    throwIfAborted(settings.signal, 'SphericalKMeans.fit');
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
    throwIfAborted(settings.signal, 'SphericalKMeans.fit');
    if (reseeded.length === 0 && (changed === 0 || change <= tolerance * Math.abs(cohesion))) {
      converged = true;
      break;
    }
  }
  if (!converged) warnings.push({ kind: 'not-converged', restart, iterations });
  return { centers, labels, cohesion, trace, iterations, converged };
}

function weightedSum(weights: Float64Array, values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += weights[i] * values[i];
  return sum;
}
