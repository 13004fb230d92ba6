import { setImmediate } from 'node:timers/promises';
import { type Matrix, throwIfAborted } from '@mixkit/core';
import { BayesianGaussianMixture } from '@mixkit/gaussian-mixture';
import type { FitSettings, MethodSettings } from '../options/fitSettings.js';
import type { Progress } from '../output/createProgress.js';
import type { Candidate } from './candidate.js';

/** Default iteration limit of the variational fit (scikit-learn's `max_iter`). */
export const BAYES_MAX_ITERATIONS = 100;

/**
 * `--algo bayes`: scikit-learn's `BayesianGaussianMixture` (`@mixkit/gaussian-mixture`) with
 * `--k` as the upper bound on components, the chosen weight prior and covariance type, stepped
 * iteration by iteration (`iterate`) so that progress shows and an interrupt stops it between
 * iterations. The unused components (less than one row of expected membership) are reported,
 * and dropped from the model the labels come from with `--prune`.
 */
export async function fitBayes(
  X: Matrix,
  settings: FitSettings,
  method: Extract<MethodSettings, { algorithm: 'bayes' }>,
  progress: Progress,
  signal?: AbortSignal,
): Promise<Candidate> {
  const { covarianceType } = method;
  const maxIterations = settings.maxIterations ?? BAYES_MAX_ITERATIONS;
  const k = settings.k[0] ?? 1;
  const estimator = new BayesianGaussianMixture({
    nClusters: k,
    covarianceType,
    weightPrior: method.weightPrior,
    nInit: settings.nInit,
    maxIterations,
    ...(method.weightConcentration === undefined
      ? {}
      : { weightConcentrationPrior: method.weightConcentration }),
    ...(settings.regCovar === undefined ? {} : { regCovar: settings.regCovar }),
    ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
  });
  const steps = estimator.iterate(X, { random: settings.seed });
  let step = steps.next();
  while (!step.done) {
    progress.update(step.value.restart * Math.max(1, maxIterations) + step.value.iteration);
    // A macrotask turn between iterations lets Ctrl-C's handler run.
    await setImmediate();
    throwIfAborted(signal, 'mixkit fit');
    step = steps.next();
  }
  const fitted = step.value;
  const unused = fitted.unusedComponents;
  const model = method.prune ? fitted.prune(unused) : fitted;
  return {
    algorithm: 'bayes',
    k: model.nClusters,
    covariance: covarianceType,
    model,
    method,
    unused,
  };
}
