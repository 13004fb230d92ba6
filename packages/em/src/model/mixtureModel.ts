import {
  type AnyComponentFamily,
  createMatrix,
  type FamilyResolver,
  type FitDiagnostics,
  type JsonValue,
  type Matrix,
  type MatrixInput,
  type MissingPolicy,
  type RandomInput,
  resolveMissingPolicy,
  type SoftClusteringModel,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import { aic, bic, icl } from '@mixkit/metrics';
import { assertMissingCellTreatments, groupFamilies } from '../workspace/emWorkspace.js';
import { type MixtureJson, mixtureFromJson, mixtureToJson } from './mixtureJson.js';
import { type MixtureSample, sampleMixture } from './sampleMixture.js';
import { type MixtureParts, scoreRows } from './scoreRows.js';

/** One fitted component: its family, its parameters and its mixing weight. */
export interface MixtureComponent<Params = unknown> {
  /** The component's family. */
  readonly family: AnyComponentFamily;
  /** Its fitted parameters. */
  readonly params: Params;
  /** Its mixing weight. */
  readonly weight: number;
}

/**
 * A fitted mixture of arbitrary component families. Everything it computes goes through the
 * families' batched members (`logDensity`, `sample`, `nParameters`, ...), so it works the
 * same for Gaussians, Poisson products, categoricals or any mix of them.
 *
 * @typeParam Params - the components' parameter type (a union for a mixture of several
 *   families), as the families' `estimate` returns it: `fitMixture` infers it from the families.
 */
export class MixtureModel<Params = unknown> implements SoftClusteringModel {
  readonly nClusters: number;
  readonly dimension: number;
  readonly diagnostics: FitDiagnostics;
  /** Component families, in mixture order. */
  readonly families: readonly AnyComponentFamily[];
  /** Fitted parameters per component (immutable family values). */
  readonly params: readonly Params[];
  /**
   * What the model's methods do with missing cells (NaN), remembered from the fit's `missing`
   * option (and saved by `toJSON`): `'marginalize'` scores a row by its observed cells,
   * `'error'` rejects NaN with its row and column.
   */
  readonly missing: MissingPolicy;
  private readonly logWeightValues: Float64Array;
  private readonly parts: MixtureParts;

  constructor(
    families: readonly AnyComponentFamily[],
    params: readonly Params[],
    logWeights: Float64Array,
    dimension: number,
    diagnostics: FitDiagnostics,
    missing: MissingPolicy = 'error',
  ) {
    this.missing = resolveMissingPolicy(missing);
    this.families = [...families];
    this.params = [...params];
    this.logWeightValues = Float64Array.from(logWeights);
    this.nClusters = families.length;
    this.dimension = dimension;
    this.diagnostics = diagnostics;
    this.parts = { families: this.families, params: this.params, logWeights: this.logWeightValues };
  }

  /** Log mixing weights (a copy). */
  get logWeights(): Float64Array {
    return Float64Array.from(this.logWeightValues);
  }

  /** Mixing weights (a copy). */
  get weights(): Float64Array {
    return this.logWeightValues.map(Math.exp);
  }

  /** The components with their weights. */
  get components(): readonly MixtureComponent<Params>[] {
    return this.families.map((family, c) => ({
      family,
      params: this.params[c],
      weight: Math.exp(this.logWeightValues[c]),
    }));
  }

  /** Most probable component per row (ties go to the lower index). */
  predict(X: MatrixInput): Int32Array {
    const data = this.data(X);
    const labels = new Int32Array(data.rows);
    scoreRows(this.parts, data, { labels });
    return labels;
  }

  /** n x k responsibilities P(component | row). */
  predictProba(X: MatrixInput): Matrix {
    const data = this.data(X);
    const out = createMatrix(data.rows, this.nClusters);
    scoreRows(this.parts, data, { responsibilities: out.data });
    return out;
  }

  /** Log-likelihood of each row under the mixture. */
  scoreSamples(X: MatrixInput): Float64Array {
    const data = this.data(X);
    const rowScores = new Float64Array(data.rows);
    scoreRows(this.parts, data, { rowScores });
    return rowScores;
  }

  /** Mean log-likelihood per row. */
  score(X: MatrixInput): number {
    const data = this.data(X);
    return scoreRows(this.parts, data, {}) / data.rows;
  }

  /** 1 - max responsibility per row: how unsure the assignment of each row is (mclust). */
  uncertainty(X: MatrixInput): Float64Array {
    const proba = this.predictProba(X);
    const k = this.nClusters;
    const out = new Float64Array(proba.rows);
    for (let i = 0; i < proba.rows; i++) {
      let max = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, proba.data[i * k + c]);
      out[i] = 1 - max;
    }
    return out;
  }

  /** Draws n rows (grouped by component) from the fitted mixture. Default seed 0. */
  sample(n: number, random?: RandomInput): MixtureSample {
    return sampleMixture(this.parts, this.dimension, n, toRandom(random));
  }

  /**
   * Free parameters: each component's own, each family's shared ones once (e.g. a tied
   * covariance), and k - 1 mixing weights.
   */
  nParameters(): number {
    let count = this.nClusters - 1;
    this.families.forEach((family, c) => {
      count += family.nParameters(this.params[c]);
    });
    for (const { family, components } of groupFamilies(this.families)) {
      if (family.nSharedParameters) count += family.nSharedParameters(this.params[components[0]]);
    }
    return count;
  }

  /** Bayesian information criterion on X (lower is better), as scikit-learn's `bic`. */
  bic(X: MatrixInput): number {
    const data = this.data(X);
    return bic(scoreRows(this.parts, data, {}), this.nParameters(), data.rows);
  }

  /** Akaike information criterion on X (lower is better). */
  aic(X: MatrixInput): number {
    const data = this.data(X);
    return aic(scoreRows(this.parts, data, {}), this.nParameters());
  }

  /** Integrated completed likelihood (BIC plus twice the classification entropy). */
  icl(X: MatrixInput): number {
    const data = this.data(X);
    const responsibilities = createMatrix(data.rows, this.nClusters);
    const logLikelihood = scoreRows(this.parts, data, { responsibilities: responsibilities.data });
    return icl(logLikelihood, this.nParameters(), data.rows, responsibilities);
  }

  toJSON(): MixtureJson {
    return mixtureToJson(
      this.families,
      this.params,
      this.logWeights,
      this.dimension,
      this.diagnostics,
      this.missing,
    );
  }

  /**
   * Rebuilds a model from `toJSON()`. Families are rebuilt from their `spec()` by `resolve`:
   * `familyFromSpec` of `@mixkit/distributions` rebuilds every shipped family
   * (`MixtureModel.fromJSON(json, familyFromSpec)`); wrap it with your registry for your own
   * families. The parameters are of whatever families the document names, so they are
   * `unknown` here; facades that load one known family type them (`GaussianMixtureModel`).
   */
  static fromJSON(json: JsonValue | MixtureJson, resolve: FamilyResolver): MixtureModel {
    const parsed = mixtureFromJson(json as JsonValue, resolve);
    return new MixtureModel(
      parsed.families,
      parsed.params,
      parsed.logWeights,
      parsed.dimension,
      parsed.diagnostics,
      parsed.missing,
    );
  }

  /**
   * Coerces and checks data for this model: the fitted dimension, each family's support, and
   * missing cells as the fit's `missing` policy says.
   */
  private data(X: MatrixInput): Matrix {
    const data = toMatrix(X, { cols: this.dimension, missing: this.missing });
    const groups = groupFamilies(this.families);
    for (const { family } of groups) family.validate(data, 'X');
    if (data.missingRows !== undefined) assertMissingCellTreatments(groups);
    return data;
  }
}
