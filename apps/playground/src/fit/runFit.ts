import {
  createMatrix,
  createRandom,
  describeWarning,
  type Matrix,
  type ShardExecutor,
} from '@mixkit/core';
import { type FitMixtureOptions, fitMixture, iterateEmAsync, MixtureModel } from '@mixkit/em';
import { iterateKmeans, type KMeansModel, kmeansPlusPlus } from '@mixkit/kmeans';
import { createColorBlender } from '../color/colorBlender.js';
import { COMPONENT_PALETTE } from '../views/palette.js';
import { buildComponents } from './buildComponents.js';
import { describeComponent } from './describeComponent.js';
import type { EmSnapshot, FitRequest, KMeansSnapshot, MixtureFitOutcome } from './fitProtocol.js';
import { randomPlacement } from './randomPlacement.js';

const blender = createColorBlender(COMPONENT_PALETTE);

/** Soft (blended) and hard (argmax) packed colors of every row of an n x k responsibility matrix. */
export function rowColors(
  responsibilities: Float64Array,
  n: number,
  k: number,
): { soft: Uint32Array; hard: Uint32Array } {
  const soft = new Uint32Array(n);
  const hard = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    soft[i] = blender.blendRgb(responsibilities, i * k, 1, k);
    let best = 0;
    for (let j = 1; j < k; j++) {
      if ((responsibilities[i * k + j] as number) > (responsibilities[i * k + best] as number))
        best = j;
    }
    hard[i] = blender.rgb(best);
  }
  return { soft, hard };
}

export interface FitListener {
  emSnapshot(snapshot: EmSnapshot): void;
  kmeansSnapshot(snapshot: KMeansSnapshot): void;
}

/**
 * The settings the page fits with, from a request. Everything else is the library's default
 * (tolerance 1e-3, 100 iterations, one restart), so a plain `fitMixture(X, fitOptions(request))` in
 * a test reproduces the page's fit.
 */
export function fitOptions(request: FitRequest): FitMixtureOptions {
  const X = createMatrix(request.rows, request.cols, request.data);
  return {
    components: buildComponents(request.families, request.covariance),
    init:
      request.init === 'random-placement'
        ? randomPlacement(X, request.families, request.covariance, request.seed)
        : request.init,
    random: request.seed,
  };
}

/**
 * Runs EM (and k-means with the same k and seed) on the request's data with `@mixkit/em` and
 * `@mixkit/kmeans`, reporting a snapshot per iteration. This is what the worker runs; it is a
 * plain function so that it also runs (and is tested) in Node. EM runs on `executor` (the fit
 * worker's pool of Web Workers, see `fitExecutor`) when given, with the same results.
 *
 * Snapshot t shows the parameters after iteration t's M-step and the responsibilities and mean
 * log-likelihood under those parameters; snapshot 0 shows the initialisation (the library's own
 * `maxIterations: 0` fit). So the last snapshot is exactly the returned model.
 */
export async function runFit(
  request: FitRequest,
  listener: FitListener,
  executor?: { readonly executor: ShardExecutor | undefined; readonly label: string },
): Promise<MixtureFitOutcome> {
  const X = createMatrix(request.rows, request.cols, request.data);
  const options = fitOptions(request);

  const initial = fitMixture(X, { ...options, maxIterations: 0 });
  listener.emSnapshot(snapshotOf(initial, X, 0, request.densityGrid));

  const steps = iterateEmAsync(X, { ...options, executor: executor?.executor });
  let step = await steps.next();
  while (!step.done) {
    const { params, logWeights, iteration } = step.value;
    const model = new MixtureModel(
      initial.families,
      params,
      logWeights,
      X.cols,
      initial.diagnostics,
    );
    listener.emSnapshot(snapshotOf(model, X, iteration, request.densityGrid));
    step = await steps.next();
  }
  const model = step.value;

  const kmeans = runKMeans(X, request.families.length, request.seed, listener);
  return {
    em: {
      converged: model.diagnostics.converged,
      iterations: model.diagnostics.iterations,
      logLikelihood: model.score(X),
      bic: model.bic(X),
      labels: model.predict(X),
      warnings: model.diagnostics.warnings.map(describeWarning),
    },
    executor: executor?.label ?? 'in-thread',
    kmeans: {
      converged: kmeans.converged,
      iterations: kmeans.iterations,
      inertia: kmeans.inertia,
      labels: Int32Array.from(kmeans.labels),
    },
  };
}

/**
 * k-means++ seeds from the seed, then Lloyd-type iterations, one snapshot each. A step of
 * `iterateKmeans` carries the centers after its update and the labels of its assignment (made
 * under the previous centers); the snapshot keeps both inertias so the page can show the
 * assignment and the update as two half-steps, each lowering the inertia.
 */
export function runKMeans(X: Matrix, k: number, seed: number, listener: FitListener): KMeansModel {
  const centers = kmeansPlusPlus(X, k, createRandom(seed));
  listener.kmeansSnapshot({
    iteration: 0,
    assignedInertia: Number.NaN,
    updatedInertia: Number.NaN,
    centers: Float64Array.from(centers.data),
    labels: new Int32Array(0),
  });
  const steps = iterateKmeans(X, { centers });
  let step = steps.next();
  while (!step.done) {
    const labels = Int32Array.from(step.value.labels);
    listener.kmeansSnapshot({
      iteration: step.value.iteration,
      assignedInertia: step.value.objective,
      updatedInertia: inertia(X, step.value.centers.data, labels),
      centers: Float64Array.from(step.value.centers.data),
      labels,
    });
    step = steps.next();
  }
  return step.value;
}

/** Sum of squared distances of every row to the center of its label. */
function inertia(X: Matrix, centers: Float64Array, labels: Int32Array): number {
  const { rows: n, cols: d, data } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = (labels[i] as number) * d;
    for (let j = 0; j < d; j++) {
      const diff = (data[i * d + j] as number) - (centers[c + j] as number);
      total += diff * diff;
    }
  }
  return total;
}

export function snapshotOf(
  model: MixtureModel,
  X: Matrix,
  iteration: number,
  grid: Float64Array,
): EmSnapshot {
  const proba = model.predictProba(X);
  return {
    iteration,
    logLikelihood: model.score(X),
    components: model.components.map((component, c) =>
      describeComponent(component, c, X, proba, grid),
    ),
    responsibilities: Float32Array.from(proba.data),
    colors: rowColors(proba.data, X.rows, model.components.length),
  };
}
