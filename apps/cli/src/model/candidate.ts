import type { JsonValue } from '@mixkit/core';
import type { MixtureModel, SelectionRow } from '@mixkit/em';
import type { KMeansModel } from '@mixkit/kmeans';
import type { CovarianceType } from '../options/fitSettings.js';

/** One fitted model of a grid: a mixture with its selection row, or the k-means model. */
export type Candidate =
  | {
      readonly algorithm: 'em';
      readonly k: number;
      /** Covariance of the Gaussian block; undefined when there are no Gaussian columns. */
      readonly covariance: CovarianceType | undefined;
      readonly model: MixtureModel;
      /** Its measures on the training data, as `selectMixture` computed them. */
      readonly row: SelectionRow;
    }
  | {
      readonly algorithm: 'kmeans';
      readonly k: number;
      readonly covariance: undefined;
      readonly model: KMeansModel;
    };

/** The measures and parameters of a candidate, in the report's terms (null where they do not apply). */
export interface CandidateMeasures {
  readonly logLikelihood: number | null;
  readonly nParameters: number | null;
  readonly bic: number | null;
  readonly aic: number | null;
  readonly icl: number | null;
  readonly inertia: number | null;
  /** Mixing weight of each component (k-means: the share of rows in each cluster). */
  readonly weights: (sizes: readonly number[], rows: number) => readonly number[];
  /** Parameters of component c as JSON (k-means: its center). */
  readonly params: (c: number) => JsonValue;
  /** Family kinds in block order (k-means: `['k-means']`). */
  readonly families: (nBlocks: number) => readonly string[];
}

/** What a report says of a candidate: the one place that tells the two algorithms apart. */
export function candidateMeasures(candidate: Candidate): CandidateMeasures {
  if (candidate.algorithm === 'kmeans') {
    const { model } = candidate;
    const d = model.dimension;
    return {
      logLikelihood: null,
      nParameters: null,
      bic: null,
      aic: null,
      icl: null,
      inertia: model.inertia,
      weights: (sizes, rows) => sizes.map((size) => size / rows),
      params: (c) => Array.from(model.centers.data.subarray(c * d, (c + 1) * d)),
      families: () => ['k-means'],
    };
  }
  const { model, row } = candidate;
  return {
    logLikelihood: row.logLikelihood,
    nParameters: row.nParameters,
    bic: row.bic,
    aic: row.aic,
    icl: row.icl,
    inertia: null,
    weights: () => Array.from(model.weights),
    params: (c) => model.families[c]?.paramsToJSON(model.params[c]) ?? null,
    families: (nBlocks) => blockKinds(model, nBlocks),
  };
}

/** The family kind of each column block of a mixture (one family, or the product's blocks). */
function blockKinds(model: MixtureModel, nBlocks: number): string[] {
  const spec = model.families[0]?.spec();
  if (spec === undefined) return ['unknown'];
  if (nBlocks === 1) return [spec.kind];
  const options = spec.options;
  const blocks =
    options !== null && typeof options === 'object' && 'blocks' in options ? options.blocks : null;
  return Array.from({ length: nBlocks }, (_, b) => {
    const block = Array.isArray(blocks) ? blocks[b] : null;
    const family =
      block !== null && typeof block === 'object' && 'family' in block ? block.family : null;
    const kind =
      family !== null && typeof family === 'object' && 'kind' in family ? family.kind : null;
    return typeof kind === 'string' ? kind : spec.kind;
  });
}
