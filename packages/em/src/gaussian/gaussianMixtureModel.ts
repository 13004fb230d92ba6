import {
  type AnyComponentFamily,
  createMatrix,
  type FitDiagnostics,
  InvalidInputError,
  type JsonValue,
  type Matrix,
} from '@mixkit/core';
import { defaultRegistry, type FamilyRegistry } from '@mixkit/distributions';
import type { FamilyResolver, MixtureJson } from '../mixtureJson.js';
import { MixtureModel } from '../mixtureModel.js';
import type { CovarianceType, GaussianShape } from './covariance/covarianceStrategy.js';
import { covarianceStrategyFor } from './covariance/covarianceStrategyFor.js';

const typeOfKind: Readonly<Record<string, CovarianceType>> = {
  'gaussian-full': 'full',
  'gaussian-diag': 'diag',
  'gaussian-spherical': 'spherical',
  'gaussian-tied': 'tied',
};

/**
 * A fitted `GaussianMixture`: a `MixtureModel` with scikit-learn's attributes
 * (`weights`, `means`, `covariances`, `precisions`, `converged`, `nIter`, `lowerBound`).
 */
export class GaussianMixtureModel extends MixtureModel {
  readonly covarianceType: CovarianceType;

  constructor(
    covarianceType: CovarianceType,
    families: readonly AnyComponentFamily[],
    params: readonly unknown[],
    logWeights: Float64Array,
    dimension: number,
    diagnostics: FitDiagnostics,
  ) {
    super(families, params, logWeights, dimension, diagnostics);
    this.covarianceType = covarianceType;
  }

  /** Wraps a fitted mixture of one Gaussian family. */
  static fromMixture(model: MixtureModel): GaussianMixtureModel {
    const kinds = new Set(model.families.map((family) => family.kind));
    const type = kinds.size === 1 ? typeOfKind[[...kinds][0]!] : undefined;
    if (type === undefined) {
      throw new InvalidInputError(
        { argument: 'model', value: [...kinds].join(', ') },
        'expected every component to be of one Gaussian family',
      );
    }
    return new GaussianMixtureModel(
      type,
      model.families,
      model.params,
      model.logWeights,
      model.dimension,
      model.diagnostics,
    );
  }

  /** k x d component means (`means_`). */
  get means(): Matrix {
    const out = createMatrix(this.nClusters, this.dimension);
    this.params.forEach((params, c) => {
      out.data.set((params as { mean: Float64Array }).mean, c * this.dimension);
    });
    return out;
  }

  /** `covariances_` in scikit-learn's shape for the covariance type. */
  get covariances(): GaussianShape {
    return covarianceStrategyFor(this.covarianceType).covariances(this.params);
  }

  /** `precisions_` (inverse covariances) in scikit-learn's shape. */
  get precisions(): GaussianShape {
    return covarianceStrategyFor(this.covarianceType).precisions(this.params);
  }

  /** Whether the best restart converged (`converged_`). */
  get converged(): boolean {
    return this.diagnostics.converged;
  }

  /** Iterations of the best restart (`n_iter_`). */
  get nIter(): number {
    return this.diagnostics.iterations;
  }

  /**
   * The last iteration's mean log-likelihood (`lower_bound_`): that of the parameters before
   * the final M-step, as in scikit-learn. `score(X)` is that of the returned parameters.
   */
  get lowerBound(): number {
    return this.diagnostics.objective.at(-1) ?? Number.NaN;
  }

  /** Rebuilds a model from `toJSON()` (families through `registry`, default: built-ins). */
  static override fromJSON(
    json: JsonValue | MixtureJson,
    registry: FamilyRegistry | FamilyResolver = defaultRegistry,
  ): GaussianMixtureModel {
    return GaussianMixtureModel.fromMixture(MixtureModel.fromJSON(json, registry));
  }
}
