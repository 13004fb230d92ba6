import { createMatrix, type Matrix } from '@mixkit/core';
import { type CovarianceType, gaussianFamily } from '@mixkit/distributions';
import {
  BayesianGaussianMixture,
  type BayesianGaussianMixtureModel,
  type BayesianGaussianMixtureOptions,
  type GaussianInit,
} from '@mixkit/gaussian-mixture';
import { describeComponent } from '../fit/describeComponent.js';
import type { EmSnapshot, FitRequest, MixtureFitOutcome } from '../fit/fitProtocol.js';
import { type FitListener, rowColors, runKMeans, snapshotOf } from '../fit/runFit.js';
import { isCovarianceType } from '../state/playgroundState.js';

/**
 * The settings the page fits a variational mixture with, from a request: k components (an upper
 * bound), the covariance type (mclust's models have no variational counterpart: `full`), the
 * weight prior and concentration, and the start (the page's `random-placement` is not one of
 * the library's: `k-means`, `BayesianGaussianMixture`'s default). Everything else is the library's
 * default, so a test reproduces the page's fit with `new BayesianGaussianMixture(options)`.
 */
export function variationalOptions(
  request: FitRequest,
): BayesianGaussianMixtureOptions<CovarianceType> {
  const method = request.method;
  if (method?.kind !== 'variational') throw new Error('variationalOptions: not a variational fit');
  return {
    nClusters: request.families.length,
    covarianceType: isCovarianceType(request.covariance) ? request.covariance : 'full',
    weightPrior: method.weightPrior,
    ...(method.concentration === undefined
      ? {}
      : { weightConcentrationPrior: method.concentration }),
    init: variationalInit(request.init),
  };
}

/** The page's start as one of `BayesianGaussianMixture`'s (random placement: k-means). */
export function variationalInit(init: FitRequest['init']): GaussianInit {
  return init === 'random-placement' ? 'k-means' : init;
}

/**
 * Fits `BayesianGaussianMixture` (scikit-learn's variational mixture) and streams a snapshot per
 * iteration from its step generator: snapshot 0 is the start (`maxIterations: 0`), snapshot t
 * the expected parameters after iteration t with the responsibilities under them, its objective
 * the evidence lower bound. A component's weight is its share of the rows' expected membership;
 * one with less than one row's worth is flagged `unused`, as the model's `unusedComponents`.
 * Then k-means with the same k and seed, as beside EM.
 */
export function runVariational(request: FitRequest, listener: FitListener): MixtureFitOutcome {
  const X = createMatrix(request.rows, request.cols, request.data);
  const options = variationalOptions(request);
  const initial = new BayesianGaussianMixture({ ...options, maxIterations: 0 }).fit(X, {
    random: request.seed,
  });
  listener.emSnapshot(modelSnapshot(initial, X, 0, Number.NaN, request.densityGrid));
  const steps = new BayesianGaussianMixture(options).iterate(X, { random: request.seed });
  let step = steps.next();
  while (!step.done) {
    const snapshot = snapshotOf(step.value.model(), X, step.value.iteration, request.densityGrid);
    listener.emSnapshot(withUsage(snapshot, X.rows, step.value.objective));
    step = steps.next();
  }
  const model = step.value;
  const kmeans = runKMeans(X, request.families.length, request.seed, listener);
  return {
    em: {
      converged: model.converged,
      iterations: model.iterations,
      logLikelihood: model.score(X),
      labels: model.predict(X),
      warnings: [],
    },
    variational: {
      lowerBound: model.lowerBound,
      unused: model.unusedComponents,
      weights: model.weights,
      counts: model.counts,
    },
    // The variational and mclust loops run in the fit worker alone, without the pool.
    executor: 'in-thread',
    kmeans: {
      converged: kmeans.converged,
      iterations: kmeans.iterations,
      inertia: kmeans.inertia,
      labels: Int32Array.from(kmeans.labels),
    },
  };
}

/** A snapshot of a fitted (or only started) variational model. */
function modelSnapshot<T extends CovarianceType>(
  model: BayesianGaussianMixtureModel<T>,
  X: Matrix,
  iteration: number,
  objective: number,
  grid: Float64Array,
): EmSnapshot {
  const proba = model.predictProba(X);
  const family = gaussianFamily(model.covarianceType);
  const snapshot: EmSnapshot = {
    iteration,
    logLikelihood: objective,
    components: model.posterior.params.map((params, c) =>
      describeComponent({ family, params, weight: 1 }, c, X, proba, grid),
    ),
    responsibilities: Float32Array.from(proba.data),
    colors: rowColors(proba.data, X.rows, model.nClusters),
  };
  return withUsage(snapshot, X.rows, objective);
}

/**
 * The snapshot with each component's weight set to its share of the rows' expected membership
 * (the step's own log-weights carry the variational correction, not a probability) and the
 * components with less than one row's worth flagged unused. The 1-D densities are rescaled to
 * those weights.
 */
function withUsage(snapshot: EmSnapshot, rows: number, objective: number): EmSnapshot {
  const k = snapshot.components.length;
  const counts = new Float64Array(k);
  const r = snapshot.responsibilities;
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < k; c++) counts[c] = (counts[c] as number) + (r[i * k + c] as number);
  }
  return {
    ...snapshot,
    logLikelihood: objective,
    components: snapshot.components.map((component, c) => {
      const count = counts[c] as number;
      const weight = count / rows;
      const scale = component.weight > 0 ? weight / component.weight : 0;
      return {
        ...component,
        weight,
        unused: count < 1,
        density: component.density.map((y) => y * scale),
      };
    }),
  };
}
