import type { Matrix, ShardExecutor } from '@mixkit/core';
import { BayesianGaussianMixture } from '@mixkit/gaussian-mixture';
import type { FitSettings, MethodSettings } from '../options/fitSettings.js';
import type { Progress } from '../output/createProgress.js';
import type { Candidate } from './candidate.js';

/** Default iteration limit of the variational fit (scikit-learn's `max_iter`). */
export const BAYES_MAX_ITERATIONS = 100;

/**
 * `--algo bayes`: scikit-learn's `BayesianGaussianMixture` (`@mixkit/gaussian-mixture`) with
 * `--k` as the upper bound on components, the chosen weight prior and covariance type, fitted by
 * `fitAsync` (its passes over rows on `executor` when given; it yields to the event loop, so
 * progress shows and an interrupt stops it within about 100 ms). The unused components (less than one row of expected membership) are reported,
 * and dropped from the model the labels come from with `--prune`.
 */
export async function fitBayes(
  X: Matrix,
  settings: FitSettings,
  method: Extract<MethodSettings, { algorithm: 'bayes' }>,
  progress: Progress,
  signal?: AbortSignal,
  executor?: ShardExecutor,
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
  const fitted = await estimator.fitAsync(X, {
    random: settings.seed,
    onIteration: ({ restart, iteration }) =>
      progress.update(restart * Math.max(1, maxIterations) + iteration),
    ...(signal === undefined ? {} : { signal }),
    ...(executor === undefined ? {} : { executor }),
  });
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
