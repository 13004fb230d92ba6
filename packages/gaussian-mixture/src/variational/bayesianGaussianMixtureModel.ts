import {
  JsonReader,
  type JsonValue,
  type Matrix,
  type MatrixInput,
  numbersToJson,
} from '@mixkit/core';
import {
  type CovarianceType,
  type GaussianParamsByType,
  gaussianFamily,
} from '@mixkit/distributions';
import { MixtureModel } from '@mixkit/em';
import type { CovarianceShapes } from '../covariance/covarianceStrategy.js';
import { covarianceStrategyFor } from '../covariance/covarianceStrategyFor.js';
import {
  posteriorFromJson,
  posteriorToJson,
  readCovarianceType,
  readWeightPrior,
} from './posteriorJson.js';
import { expectations } from './runVariationalRestart.js';
import { posteriorWeights, type VariationalPosterior } from './variationalPosterior.js';
import type { WeightPrior } from './variationalPrior.js';

const KIND = 'mixkit.bayesian-gaussian-mixture';
const VERSION = 1;

/** How a variational fit went. */
export interface VariationalFitInfo {
  /** The evidence lower bound per row of the fitted posterior (`lower_bound_`). */
  readonly lowerBound: number;
  /** Whether the best restart's lower bound settled within `maxIterations`. */
  readonly converged: boolean;
  /** Iterations of the best restart (`n_iter_`). */
  readonly iterations: number;
}

/**
 * A fitted Bayesian Gaussian mixture with scikit-learn's `BayesianGaussianMixture` attributes
 * (`weights`, `means`, `covariances`, `degreesOfFreedom`, `meanPrecision`,
 * `weightConcentration`, `lowerBound`...). Predictions use the posterior's expected log
 * densities and weights, as scikit-learn's do. `counts` are the training rows' expected
 * memberships; components with less than one row's worth are `unusedComponents`, and `prune()`
 * drops them. `toJSON()` is plain JSON, and `fromJSON` gives back a model that predicts the
 * same bits.
 */
export class BayesianGaussianMixtureModel<T extends CovarianceType = 'full'> {
  /** The covariance type of every component. */
  readonly covarianceType: T;
  /** The prior on the mixing weights it was fitted with. */
  readonly weightPrior: WeightPrior;
  /** The fitted variational posterior (its hyperparameters per component). */
  readonly posterior: VariationalPosterior<T>;
  /** Σᵢ rᵢₖ over the training rows under the fitted posterior (expected rows per component). */
  readonly counts: Float64Array;
  /** The evidence lower bound per row of the fitted posterior (`lower_bound_`). */
  readonly lowerBound: number;
  /** Whether the best restart's lower bound settled within `maxIterations`. */
  readonly converged: boolean;
  /** Iterations of the best restart (`n_iter_`). */
  readonly iterations: number;
  private readonly mixture: MixtureModel<GaussianParamsByType[T]>;
  private readonly posteriorWeights: Float64Array;

  /**
   * `kept` (from `prune`) fixes the expected log-weights and the weights instead of deriving
   * them from the posterior's concentrations, which for a Dirichlet process depend on the
   * components before each one.
   */
  constructor(
    covarianceType: T,
    weightPrior: WeightPrior,
    posterior: VariationalPosterior<T>,
    counts: Float64Array,
    info: VariationalFitInfo,
    kept?: { readonly logWeights: Float64Array; readonly weights: Float64Array },
  ) {
    this.covarianceType = covarianceType;
    this.weightPrior = weightPrior;
    this.posterior = posterior;
    this.counts = counts;
    this.lowerBound = info.lowerBound;
    this.converged = info.converged;
    this.iterations = info.iterations;
    const d = posterior.params[0]?.mean.length ?? 0;
    const expected = expectations(posterior, d);
    const params = expected.params;
    const logWeights = kept?.logWeights ?? expected.logWeights;
    this.posteriorWeights = kept?.weights ?? posteriorWeights(posterior);
    const family = gaussianFamily(covarianceType);
    this.mixture = new MixtureModel(
      params.map(() => family),
      params,
      logWeights,
      d,
      {
        converged: info.converged,
        iterations: info.iterations,
        objective: [],
        bestRestart: 0,
        restartObjectives: [],
        warnings: [],
      },
    );
  }

  /** Number of components. */
  get nClusters(): number {
    return this.posterior.params.length;
  }

  /** `weights_`: the posterior mean mixing weights (normalised). */
  get weights(): Float64Array {
    return Float64Array.from(this.posteriorWeights);
  }

  /** `means_`, k x d. */
  get means(): Matrix {
    const d = this.posterior.params[0]?.mean.length ?? 0;
    const data = new Float64Array(this.nClusters * d);
    this.posterior.params.forEach((p, k) => {
      data.set(p.mean, k * d);
    });
    return { rows: this.nClusters, cols: d, data };
  }

  /** `covariances_` (Sₖ = Wₖ⁻¹/νₖ) in scikit-learn's shape for the covariance type. */
  get covariances(): CovarianceShapes[T] {
    return covarianceStrategyFor(this.covarianceType).covariances(this.posterior.params);
  }

  /** `degrees_of_freedom_` νₖ (one value per component; equal for 'tied'). */
  get degreesOfFreedom(): Float64Array {
    return this.posterior.degreesOfFreedom;
  }

  /** `mean_precision_` βₖ. */
  get meanPrecision(): Float64Array {
    return this.posterior.meanPrecision;
  }

  /** `weight_concentration_`: [αₖ] (Dirichlet distribution) or [aₖ, bₖ] (Dirichlet process). */
  get weightConcentration(): readonly Float64Array[] {
    const { concentration, concentrationRest } = this.posterior;
    return concentrationRest === undefined ? [concentration] : [concentration, concentrationRest];
  }

  /** Components with less than one training row of expected membership. */
  get unusedComponents(): number[] {
    const unused: number[] = [];
    this.counts.forEach((count, k) => {
      if (count < 1) unused.push(k);
    });
    return unused;
  }

  /**
   * The model without `components` (default `unusedComponents`): the kept components keep their
   * posteriors and expected log-weights, so rows that no dropped component claimed are
   * predicted as before.
   */
  prune(components: readonly number[] = this.unusedComponents): BayesianGaussianMixtureModel<T> {
    const keep = this.posterior.params.map((_, k) => k).filter((k) => !components.includes(k));
    const pick = (values: Float64Array) => Float64Array.from(keep, (k) => values[k]);
    const { concentrationRest } = this.posterior;
    const posterior: VariationalPosterior<T> = {
      counts: pick(this.posterior.counts),
      concentration: pick(this.posterior.concentration),
      concentrationRest: concentrationRest === undefined ? undefined : pick(concentrationRest),
      meanPrecision: pick(this.posterior.meanPrecision),
      degreesOfFreedom: pick(this.posterior.degreesOfFreedom),
      params: keep.map((k) => this.posterior.params[k]),
    };
    const weights = pick(this.posteriorWeights);
    let total = 0;
    for (const w of weights) total += w;
    return new BayesianGaussianMixtureModel(
      this.covarianceType,
      this.weightPrior,
      posterior,
      pick(this.counts),
      this,
      {
        logWeights: pick(this.mixture.logWeights),
        weights: weights.map((w) => w / total),
      },
    );
  }

  /** Most probable component per row. */
  predict(X: MatrixInput): Int32Array {
    return this.mixture.predict(X);
  }

  /** n x k responsibilities. */
  predictProba(X: MatrixInput): Matrix {
    return this.mixture.predictProba(X);
  }

  /** scikit-learn's `score_samples`: log Σₖ exp(E[log πₖ] + E[log N(x | μₖ, Λₖ⁻¹)]) per row. */
  scoreSamples(X: MatrixInput): Float64Array {
    return this.mixture.scoreSamples(X);
  }

  /** The mean of `scoreSamples`. */
  score(X: MatrixInput): number {
    return this.mixture.score(X);
  }

  /**
   * The model as plain JSON: the posterior (point parameters as the Gaussian family writes
   * them), the expected log-weights and weights predictions use (kept as they are, so a pruned
   * model reads back pruned), the training counts and how the fit went.
   */
  toJSON(): JsonValue {
    return {
      kind: KIND,
      version: VERSION,
      covarianceType: this.covarianceType,
      weightPrior: this.weightPrior,
      lowerBound: this.lowerBound,
      converged: this.converged,
      iterations: this.iterations,
      counts: numbersToJson(this.counts),
      posterior: posteriorToJson(this.covarianceType, this.posterior),
      logWeights: numbersToJson(this.mixture.logWeights),
      weights: numbersToJson(this.posteriorWeights),
    };
  }

  /**
   * Rebuilds a model from `toJSON()` output; it predicts, scores and prunes exactly as the model
   * that wrote it. Throws `InvalidInputError` naming a malformed field.
   */
  static fromJSON(json: unknown): BayesianGaussianMixtureModel<CovarianceType> {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const covarianceType = readCovarianceType(
      reader.string('covarianceType'),
      'json.covarianceType',
    );
    const weightPrior = readWeightPrior(reader.string('weightPrior'), 'json.weightPrior');
    const posterior = posteriorFromJson(
      covarianceType,
      weightPrior,
      reader.raw('posterior'),
      'json.posterior',
    );
    const k = posterior.params.length;
    const converged = reader.raw('converged');
    return new BayesianGaussianMixtureModel(
      covarianceType,
      weightPrior,
      posterior,
      reader.numbers('counts', k),
      {
        lowerBound: reader.number('lowerBound'),
        converged: converged === true,
        iterations: reader.number('iterations'),
      },
      { logWeights: reader.numbers('logWeights', k), weights: reader.numbers('weights', k) },
    );
  }
}
