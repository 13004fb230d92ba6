import {
  type AnyComponentFamily,
  createMatrix,
  type FitDiagnostics,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type MissingPolicy,
} from '@mixkit/core';
import {
  type CovarianceType,
  covarianceTypes,
  type GaussianParamsByType,
  gaussianFamilyFromSpec,
} from '@mixkit/distributions';
import { type MixtureJson, MixtureModel } from '@mixkit/em';
import type { CovarianceShapes } from './covariance/covarianceStrategy.js';
import { covarianceStrategyFor } from './covariance/covarianceStrategyFor.js';

/** The covariance type of a Gaussian family kind (`'gaussian-diag'` → `'diag'`). */
function covarianceTypeOf(kind: string): CovarianceType | undefined {
  return covarianceTypes.find((type) => kind === `gaussian-${type}`);
}

/**
 * A fitted `GaussianMixture`: a `MixtureModel` with scikit-learn's attributes (`weights`,
 * `means`, `covariances`, `precisions`, `converged`, `iterations`, `lowerBound`), typed by its
 * covariance type so `covariances` has that type's shape.
 */
export class GaussianMixtureModel<T extends CovarianceType = CovarianceType> extends MixtureModel<
  GaussianParamsByType[T]
> {
  /** The covariance type of every component. */
  readonly covarianceType: T;

  constructor(
    covarianceType: T,
    families: readonly AnyComponentFamily[],
    params: readonly GaussianParamsByType[T][],
    logWeights: Float64Array,
    dimension: number,
    diagnostics: FitDiagnostics,
    missing: MissingPolicy = 'error',
  ) {
    super(families, params, logWeights, dimension, diagnostics, missing);
    this.covarianceType = covarianceType;
  }

  /** Wraps a fitted mixture of one Gaussian family of covariance type `type`. */
  static fromMixture<T extends CovarianceType>(
    type: T,
    model: MixtureModel<GaussianParamsByType[T]>,
  ): GaussianMixtureModel<T> {
    return new GaussianMixtureModel(
      type,
      model.families,
      model.params,
      model.logWeights,
      model.dimension,
      model.diagnostics,
      model.missing,
    );
  }

  /** k x d component means (`means_`). */
  get means(): Matrix {
    const out = createMatrix(this.nClusters, this.dimension);
    this.params.forEach((params, c) => {
      out.data.set(params.mean, c * this.dimension);
    });
    return out;
  }

  /** `covariances_` in scikit-learn's shape for the covariance type. */
  get covariances(): CovarianceShapes[T] {
    return covarianceStrategyFor(this.covarianceType).covariances(this.params);
  }

  /** `precisions_` (inverse covariances) in scikit-learn's shape. */
  get precisions(): CovarianceShapes[T] {
    return covarianceStrategyFor(this.covarianceType).precisions(this.params);
  }

  /** Whether the best restart converged (`converged_`). */
  get converged(): boolean {
    return this.diagnostics.converged;
  }

  /** Iterations of the best restart (`n_iter_`). */
  get iterations(): number {
    return this.diagnostics.iterations;
  }

  /**
   * The last iteration's mean log-likelihood (`lower_bound_`): that of the parameters before
   * the final M-step, as in scikit-learn. `score(X)` is that of the returned parameters. A fit
   * with `maxIterations: 0` (initialisation only) has no iteration: then it is the score of the
   * initial parameters (never NaN).
   */
  get lowerBound(): number {
    const { objective, restartObjectives, bestRestart } = this.diagnostics;
    return objective.at(-1) ?? restartObjectives[bestRestart] ?? Number.NEGATIVE_INFINITY;
  }

  /**
   * Rebuilds a model from `toJSON()`. Only a model of one of the four Gaussian families is
   * accepted (through `gaussianFamilyFromSpec`, so loading needs no registry and a bundle of
   * this package carries no other family).
   */
  static override fromJSON(json: JsonValue | MixtureJson): GaussianMixtureModel {
    const model = MixtureModel.fromJSON(json, gaussianFamilyFromSpec);
    const kinds = new Set(model.families.map((family) => family.kind));
    const type = kinds.size === 1 ? covarianceTypeOf(model.families[0].kind) : undefined;
    if (type === undefined) {
      throw new InvalidInputError(
        { argument: 'json.families', value: [...kinds].join(', ') },
        'expected every component to be of one Gaussian family',
      );
    }
    // Every family was rebuilt by `gaussianFamilyFromSpec`, so the parameters are its own.
    const params = model.params as readonly GaussianParamsByType[CovarianceType][];
    return new GaussianMixtureModel(
      type,
      model.families,
      params,
      model.logWeights,
      model.dimension,
      model.diagnostics,
      model.missing,
    );
  }
}
