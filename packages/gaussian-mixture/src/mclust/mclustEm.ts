import { AbortedError, DegenerateComponentError, type Matrix, takeRows } from '@mixkit/core';
import {
  type GaussianModelFamily,
  type GaussianModelName,
  type GaussianModelOptions,
  type GaussianModelParams,
  gaussianModel,
} from '@mixkit/distributions';
import { fitMixture, iterateEm, type MixtureModel } from '@mixkit/em';
import { watchSingular } from './watchSingular.js';

/** mclust's outer EM control (`emControl()$tol[1]`, `$itmax[1]`). */
export interface MclustEmControl {
  /** Relative change |ℓₜ − ℓₜ₋₁| / (1 + |ℓₜ|) of the log-likelihood that stops EM. Default 1e-5. */
  readonly tolerance?: number;
  /** M-steps at most. Default 2³¹ − 1. */
  readonly maxIterations?: number;
}

/** Where a run of `mclustEm` starts, and how it is stopped. */
export interface MclustEmStart {
  /**
   * Rows (0-based, in `labels`' order) the partition `labels` is of, when it is of a subset of
   * the rows (mclust's `initialization$subset`): the first M-step then runs on those rows, and EM
   * on all rows starts from the E-step of its parameters. Absent: `labels` has one entry per row.
   */
  readonly subset?: ArrayLike<number> | undefined;
  /** Asked between iterations; once it says true the fit stops with an `AbortedError`. */
  readonly aborted?: (() => boolean) | undefined;
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
 * With `start.subset`, as `mclustBIC` starts each cell from a subset's partition: `mstep` on the
 * subset's rows, `estep` on all rows, then `me` from those responsibilities. Here the subset's
 * M-step gives θ₁, and the runner starts from θ₁ on all rows; its first step's ℓ(θ₁) is one mclust
 * never evaluates, so it is not counted. `start.aborted` is asked between iterations (a worker
 * running a cell of `mclustAsync`'s grid).
 */
export function mclustEm(
  X: Matrix,
  modelName: GaussianModelName,
  labels: ArrayLike<number>,
  control: MclustEmControl = {},
  modelOptions: GaussianModelOptions = {},
  start: MclustEmStart = {},
): MclustEmFit | undefined {
  const { subset, aborted } = start;
  const tolerance = control.tolerance ?? 1e-5;
  const maxIterations = control.maxIterations ?? 2147483647;
  let G = 0;
  for (let i = 0; i < labels.length; i++) G = Math.max(G, labels[i] + 1);
  const watched = watchSingular(gaussianModel(modelName, modelOptions));
  let steps: ReturnType<typeof iterateEm<typeof watched.family>>;
  try {
    const init =
      subset === undefined
        ? { kind: 'labels' as const, labels }
        : subsetStart(X, subset, labels, G, watched.family);
    if (watched.singular()) return undefined;
    steps = iterateEm(X, {
      family: watched.family,
      nClusters: G,
      init,
      tolerance: 0,
      // The subset's start adds one uncounted step.
      maxIterations: subset === undefined ? maxIterations : maxIterations + 1,
    });
  } catch (error) {
    if (DegenerateComponentError.isInstance(error)) return undefined;
    throw error;
  }
  let previousModel: (() => MixtureModel<GaussianModelParams>) | undefined;
  let previous = Number.MAX_VALUE / 2;
  for (let t = subset === undefined ? 1 : 0; ; t++) {
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
    if (t === 0) {
      // ℓ(θ₁) of the subset's M-step, on all rows: mclust's me() starts after it.
      previousModel = value.model;
      continue;
    }
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

/**
 * θ₁ of a subset's partition: one M-step from `labels` on the subset's rows (mclust's `mstep` on
 * `data[subset, ]`, a fit of no iteration), as the runner's given-parameters start. The
 * parameters pass through their JSON form, which drops the M-step's inner state: mclust's `me()`
 * starts its first M-step afresh, not from `mstep`'s.
 */
function subsetStart(
  X: Matrix,
  subset: ArrayLike<number>,
  labels: ArrayLike<number>,
  G: number,
  family: GaussianModelFamily,
): {
  readonly kind: 'params';
  readonly params: readonly GaussianModelParams[];
  readonly weights: Float64Array;
} {
  const fitted = fitMixture(takeRows(X, subset), {
    family,
    nClusters: G,
    init: { kind: 'labels', labels },
    maxIterations: 0,
  });
  return {
    kind: 'params',
    params: fitted.params.map((params) => family.paramsFromJSON(family.paramsToJSON(params))),
    weights: fitted.logWeights.map(Math.exp),
  };
}
