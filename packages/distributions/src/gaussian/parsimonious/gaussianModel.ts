import {
  assertInteger,
  assertNumber,
  assertUnreachable,
  type ComponentFamily,
  type FamilySpec,
  InvalidInputError,
} from '@mixkit/core';

import { type CovarianceFactors, factorEstimate, fullCovarianceJson } from '../covariance.js';
import {
  checkFullParams,
  type GaussianFullParams,
  gaussianLogDensity,
  sampleGaussian,
} from '../full.js';
import { gaussianBase } from '../shared.js';
import type { GaussianStats } from '../statistics.js';
import type { CovarianceModel } from './covarianceModel.js';
import { eee } from './eee.js';
import { eei } from './eei.js';
import { eev } from './eev.js';
import { eii } from './eii.js';
import { eve } from './eve.js';
import { evi } from './evi.js';
import { evv } from './evv.js';
import { type GaussianModelName, gaussianModelNames } from './gaussianModelName.js';
import { defaultInnerControl, type InnerControl } from './innerControl.js';
import { scatterSet } from './scatterSet.js';
import { vee } from './vee.js';
import { vei } from './vei.js';
import { vev } from './vev.js';
import { vii } from './vii.js';
import { vve } from './vve.js';
import { vvi } from './vvi.js';
import { vvv } from './vvv.js';

/** One component of a parsimonious model: its mean and covariance, with Cholesky caches. */
export interface GaussianModelParams extends GaussianFullParams {
  /**
   * Where the M-step's inner iterations ended (models whose M-step iterates: VEI, VEV, VEE, EVE,
   * VVE): the next M-step of the same fit starts from it. A cache like the Cholesky factor: not
   * part of the parameters' JSON, and a model loaded from JSON starts its next M-step fresh.
   */
  readonly innerState?: unknown;
}

/** A parsimonious Gaussian family (`gaussianModel(name)`). */
export type GaussianModelFamily = ComponentFamily<GaussianModelParams, GaussianStats>;

/** Options of `gaussianModel`: the inner iterations of the models whose M-step iterates. */
export interface GaussianModelOptions {
  /** mclust's `emControl()$tol[2]`. Default √ε ≈ 1.49e-8. */
  readonly innerTolerance?: number;
  /** mclust's `emControl()$itmax[2]`. Default 2³¹ − 1. */
  readonly maxInnerIterations?: number;
}

/**
 * The component family of one of mclust's fourteen covariance models, Σₖ = λₖ·Dₖ·Aₖ·Dₖᵀ
 * (`GaussianModelName`), with its M-step as mclust computes it and without regularisation (as
 * mclust without a prior): a covariance mclust would call singular throws
 * `DegenerateComponentError`. The components of one mixture must share the family object, since
 * the parameters that are Equal across components are estimated together (`estimateAll`);
 * `nParameters` and `nSharedParameters` count as mclust's `nVarParams` (plus d for the mean).
 *
 * The models whose M-step iterates (VEI, VEV, EVE, VVE; VEE restarts on each M-step) carry the
 * state their inner iterations ended in to the next M-step on the same statistics objects (an
 * EM fit's workspace reuses them), as mclust's `me*` routines do between EM iterations: a new
 * fit starts from mclust's initial values.
 */
export function gaussianModel(
  name: GaussianModelName,
  options: GaussianModelOptions = {},
): GaussianModelFamily {
  return parsimoniousFamily(covarianceModel(name), innerControl(options));
}

/**
 * Free covariance parameters of a G-component mixture of model `name` in d dimensions: mclust's
 * `nVarParams(name, d, G)` (the shared terms once, the per-component terms G times).
 */
export function gaussianModelCovarianceParameters(
  name: GaussianModelName,
  d: number,
  G: number,
): number {
  const model = covarianceModel(name);
  return model.shared(d) + G * model.perComponent(d);
}

/** Rebuilds a `gaussianModel` from its `spec()` (kind `gaussian-<name>`). */
export function gaussianModelFromSpec(spec: FamilySpec): GaussianModelFamily {
  const name = gaussianModelNames.find((model) => spec?.kind === `gaussian-${model}`);
  if (name === undefined) {
    throw new InvalidInputError(
      { argument: 'spec.kind', value: spec?.kind },
      `expected gaussian-<model>, model one of ${gaussianModelNames.join(', ')}`,
    );
  }
  const options = spec.options;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidInputError({ argument: 'spec.options', value: options }, 'expected an object');
  }
  return gaussianModel(name, options as GaussianModelOptions);
}

function innerControl(options: GaussianModelOptions): InnerControl {
  const tolerance = options.innerTolerance ?? defaultInnerControl.tolerance;
  const maxIterations = options.maxInnerIterations ?? defaultInnerControl.maxIterations;
  assertNumber(tolerance, 'innerTolerance', { min: 0 });
  assertInteger(maxIterations, 'maxInnerIterations', 1);
  return { tolerance, maxIterations };
}

// biome-ignore lint/suspicious/noExplicitAny: the warm state's type is each model's own; the family only stores and returns it.
type AnyCovarianceModel = CovarianceModel<any>;

function covarianceModel(name: GaussianModelName): AnyCovarianceModel {
  switch (name) {
    case 'EII':
      return eii;
    case 'VII':
      return vii;
    case 'EEI':
      return eei;
    case 'VEI':
      return vei;
    case 'EVI':
      return evi;
    case 'VVI':
      return vvi;
    case 'EEE':
      return eee;
    case 'VEE':
      return vee;
    case 'EVE':
      return eve;
    case 'VVE':
      return vve;
    case 'EEV':
      return eev;
    case 'VEV':
      return vev;
    case 'EVV':
      return evv;
    case 'VVV':
      return vvv;
    default:
      return assertUnreachable(name, 'name');
  }
}

function parsimoniousFamily(model: AnyCovarianceModel, control: InnerControl): GaussianModelFamily {
  const kind = `gaussian-${model.name}`;
  function estimateAll(
    stats: readonly GaussianStats[],
    previous?: readonly GaussianModelParams[],
  ): GaussianModelParams[] {
    if (stats.length === 0) return [];
    const set = scatterSet(kind, stats);
    // The inner iterations start where the previous M-step's ended (mclust's me* routines carry
    // shape, scale and orientation from one EM iteration to the next); at a fit's or restart's
    // initialisation there is no previous M-step, and they start from mclust's initial values.
    const { covariances, warm } = model.covariances(set, control, previous?.[0]?.innerState);
    const factors = new Map<Float64Array, CovarianceFactors>();
    return stats.map((s, k) => {
      const covariance = covariances[k];
      let factor = factors.get(covariance);
      if (factor === undefined) {
        factor = factorEstimate(kind, set.d, covariance);
        factors.set(covariance, factor);
      }
      const params = { mean: Float64Array.from(s.mean), covariance, ...factor };
      return warm === undefined ? params : { ...params, innerState: warm };
    });
  }
  // Every model's parameters carry a full precision Cholesky factor, whatever its scatter.
  const base = gaussianBase(kind, { kind: 'absolute', values: 0 }, model.scatter, 'cholesky');
  return {
    ...base,
    spec: (): FamilySpec => ({
      kind,
      options: { innerTolerance: control.tolerance, maxInnerIterations: control.maxIterations },
    }),
    estimate: (stats, previous) =>
      estimateAll([stats], previous === undefined ? undefined : [previous])[0],
    estimateAll,
    logDensity: gaussianLogDensity,
    sample: sampleGaussian,
    nParameters: (params) => params.mean.length + model.perComponent(params.mean.length),
    nSharedParameters: (params) => model.shared(params.mean.length),
    ...fullCovarianceJson(kind),
    // Full-covariance parameters, as `gaussianFullParams` builds them.
    checkParams: checkFullParams(kind, 'gaussianFullParams'),
  };
}
