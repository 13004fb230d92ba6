import { AbortedError, DegenerateComponentError, type Matrix } from '@mixkit/core';
import {
  type GaussianModelName,
  type GaussianModelOptions,
  type GaussianModelParams,
  gaussianModel,
} from '@mixkit/distributions';
import { iterateEm, type MixtureModel } from '@mixkit/em';
import { watchSingular } from './watchSingular.js';

/** mclust's outer EM control (`emControl()$tol[1]`, `$itmax[1]`). */
export interface MclustEmControl {
  /** Relative change |ℓₜ − ℓₜ₋₁| / (1 + |ℓₜ|) of the log-likelihood that stops EM. Default 1e-5. */
  readonly tolerance?: number;
  /** M-steps at most. Default 2³¹ − 1. */
  readonly maxIterations?: number;
}

/** One model fitted as mclust's `me()` fits it. */
export interface MclustEmFit {
  /** The fitted mixture. */
  readonly model: MixtureModel<GaussianModelParams>;
  /** ℓ of the returned parameters (mclust's `loglik`), summed over rows. */
  readonly logLikelihood: number;
  /** M-steps run (mclust's `iterations`). */
  readonly iterations: number;
  /** Whether mclust's stopping rule was met before its iteration cap. */
  readonly converged: boolean;
}

/**
 * EM for one of mclust's models as `me(modelName, data, unmap(labels))` runs it: one M-step from
 * the hard partition, then E- and M-steps until the relative change of the log-likelihood is at
 * most `tolerance`, returning the parameters of the last M-step with their log-likelihood. It
 * drives the family-blind runner's step generator (`iterateEm`): step t reports ℓ(θₜ) and
 * yields θₜ₊₁, so the parameters kept are the previous step's. Returns `undefined` where mclust
 * reports NA: an M-step found a singular covariance (the runner would re-seed and go on).
 * `aborted` is asked between iterations (a worker running a cell of `mclustAsync`'s grid): once
 * it says true the fit stops with an `AbortedError`.
 */
export function mclustEm(
  X: Matrix,
  modelName: GaussianModelName,
  labels: ArrayLike<number>,
  control: MclustEmControl = {},
  modelOptions: GaussianModelOptions = {},
  aborted?: () => boolean,
): MclustEmFit | undefined {
  const tolerance = control.tolerance ?? 1e-5;
  const maxIterations = control.maxIterations ?? 2147483647;
  let G = 0;
  for (let i = 0; i < labels.length; i++) G = Math.max(G, labels[i] + 1);
  const watched = watchSingular(gaussianModel(modelName, modelOptions));
  let steps: ReturnType<typeof iterateEm<typeof watched.family>>;
  try {
    steps = iterateEm(X, {
      family: watched.family,
      nClusters: G,
      init: { kind: 'labels', labels },
      tolerance: 0,
      maxIterations,
    });
  } catch (error) {
    if (DegenerateComponentError.isInstance(error)) return undefined;
    throw error;
  }
  let previousModel: (() => MixtureModel<GaussianModelParams>) | undefined;
  let previous = Number.MAX_VALUE / 2;
  for (let t = 1; ; t++) {
    if (aborted?.() === true) throw new AbortedError('mclust');
    let step: ReturnType<typeof steps.next>;
    try {
      step = steps.next();
    } catch (error) {
      if (DegenerateComponentError.isInstance(error)) return undefined;
      throw error;
    }
    // Abandoning the generator is enough: it holds no resources.
    if (watched.singular()) return undefined;
    if (step.done) throw new Error('mclustEm: the runner stopped before mclust would');
    const { value } = step;
    const logLikelihood = value.objective * X.rows;
    const change = Math.abs(logLikelihood - previous) / (1 + Math.abs(logLikelihood));
    previous = logLikelihood;
    const converged = change <= tolerance;
    // One component: every M-step gives the same parameters (all responsibilities are 1).
    if (converged || t >= maxIterations || G === 1) {
      const model = previousModel === undefined || G === 1 ? value.model() : previousModel();
      return { model, logLikelihood, iterations: t, converged: converged || G === 1 };
    }
    previousModel = value.model;
  }
}
