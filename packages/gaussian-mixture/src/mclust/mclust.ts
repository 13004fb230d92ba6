import { assertInteger, InvalidInputError, type MatrixInput, toMatrix } from '@mixkit/core';
import {
  type GaussianModelName,
  type GaussianModelOptions,
  type GaussianModelParams,
  gaussianModelNames,
} from '@mixkit/distributions';
import type { MixtureModel } from '@mixkit/em';
import {
  type ModelBasedHierarchicalOptions,
  modelBasedHierarchical,
} from '../hierarchical/modelBasedHierarchical.js';
import { formatMclustBic, summarizeMclustBic } from './formatMclustBic.js';
import type { MclustCandidate } from './mclustCandidate.js';
import { type MclustEmControl, mclustEm } from './mclustEm.js';
import { mclustParameterCount } from './mclustParameterCount.js';

/** Options of `mclust`: the grid, the initialisation and EM's control, as `Mclust()`'s. */
export interface MclustOptions extends MclustEmControl, GaussianModelOptions {
  /** Numbers of components tried (`G`). Default 1..9. */
  readonly nClusters?: readonly number[];
  /** Models tried (`modelNames`). Default all fourteen, in mclust's order. */
  readonly modelNames?: readonly GaussianModelName[];
  /** The hierarchical initialisation (mclust's `hc(modelName = "VVV", use = "SVD")` by default). */
  readonly hierarchical?: ModelBasedHierarchicalOptions;
}

/** `Mclust()`'s result: the BIC table and the model with the highest BIC. */
export interface MclustResult {
  /** Every (model, G) of the grid, G-major in the order given. */
  readonly candidates: readonly MclustCandidate[];
  /** The numbers of components of the grid (mclust's G). */
  readonly nClusters: readonly number[];
  /** The models of the grid, in the order tried. */
  readonly modelNames: readonly GaussianModelName[];
  /** The chosen cell (highest BIC; ties to the earlier model, then the smaller G, as mclust). */
  readonly best: MclustCandidate;
  /** The chosen cell's fitted mixture. */
  readonly model: MixtureModel<GaussianModelParams>;
  /** The table as R prints an `mclustBIC` object. */
  table(): string;
  /** The top three as R prints `summary(mclustBIC)`. */
  summary(): string;
}

/**
 * Model selection as mclust's `Mclust()`: the agglomeration of `modelBasedHierarchical` once,
 * then for every G and model one `mclustEm` run from the G-group partition, scored by mclust's
 * BIC (2·ℓ − npar·log n, higher is better). The fitted model of the best cell is returned with
 * the whole table. Deterministic (no random source). For data of more than 2000 rows mclust
 * runs the agglomeration on a random subset of 2000 rows; this runs it on all rows.
 */
export function mclust(X: MatrixInput, options: MclustOptions = {}): MclustResult {
  const data = toMatrix(X);
  const nClusters = options.nClusters ?? [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const modelNames = options.modelNames ?? gaussianModelNames;
  for (const G of nClusters) {
    assertInteger(G, 'nClusters', 1);
    if (G > data.rows) {
      throw new InvalidInputError(
        { argument: 'nClusters', value: G },
        `more than ${data.rows} rows`,
      );
    }
  }
  for (const name of modelNames) {
    if (!gaussianModelNames.includes(name)) {
      throw new InvalidInputError(
        { argument: 'modelNames', value: name },
        `expected one of ${gaussianModelNames.join(', ')}`,
      );
    }
  }
  const tree = modelBasedHierarchical(data, options.hierarchical);
  const logN = Math.log(data.rows);
  const candidates: MclustCandidate[] = [];
  let best:
    | { candidate: MclustCandidate; model: MixtureModel<GaussianModelParams>; order: number }
    | undefined;
  for (const G of nClusters) {
    const labels = tree.labels(G);
    modelNames.forEach((modelName, m) => {
      const nParameters = mclustParameterCount(modelName, data.cols, G);
      const fit = mclustEm(data, modelName, labels, options, options);
      const candidate: MclustCandidate = {
        modelName,
        nClusters: G,
        nParameters,
        bic: fit === undefined ? undefined : 2 * fit.logLikelihood - nParameters * logN,
        logLikelihood: fit?.logLikelihood,
        iterations: fit?.iterations,
      };
      candidates.push(candidate);
      if (fit === undefined || candidate.bic === undefined) return;
      // mclust sorts the table column-major (model by model), decreasing: ties keep that order.
      const order = m * nClusters.length + nClusters.indexOf(G);
      const current = best?.candidate.bic;
      if (
        best === undefined ||
        current === undefined ||
        candidate.bic > current ||
        (candidate.bic === current && order < best.order)
      ) {
        best = { candidate, model: fit.model, order };
      }
    });
  }
  if (best === undefined) {
    throw new InvalidInputError({ argument: 'X' }, 'every model of the grid was singular');
  }
  const chosen = best;
  return {
    candidates,
    nClusters,
    modelNames,
    best: chosen.candidate,
    model: chosen.model,
    table: () => formatMclustBic(candidates, nClusters, modelNames),
    summary: () => summarizeMclustBic(candidates),
  };
}
