import { readFileSync } from 'node:fs';
import type { JsonValue } from '@mixkit/core';
import { DbscanModel, HdbscanModel, OpticsModel } from '@mixkit/density';
import { familyFromSpec } from '@mixkit/distributions';
import { MixtureModel } from '@mixkit/em';
import { BayesianGaussianMixtureModel } from '@mixkit/gaussian-mixture';
import { AgglomerativeModel } from '@mixkit/hierarchical';
import { KMeansModel } from '@mixkit/kmeans';
import { CliError } from '../cliError.js';
import type { Algorithm, CovarianceName, CovarianceType } from '../options/fitSettings.js';
import { type ColumnKind, type ColumnPlan, columnKinds } from '../table/columnKind.js';
import { type Candidate, modelJson } from './candidate.js';

/** A modelled column as saved: enough to find it in a new file and encode it the same way. */
export interface SavedColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly levels?: readonly string[];
}

/**
 * The model file `mixkit fit` writes: the library model's own JSON (`toJSON()` of the mixture,
 * k-means, variational, agglomerative, DBSCAN, OPTICS or HDBSCAN model) plus what the CLI needs
 * to turn a new table into the same matrix (column names, kinds and categorical levels, in
 * matrix order).
 */
export interface SavedModel {
  readonly kind: 'mixkit.cli-model';
  readonly version: 1;
  readonly algorithm: Algorithm;
  /** The file the model was fitted on (its base name, for the record). */
  readonly fittedOn: string;
  readonly covariance?: CovarianceName;
  readonly columns: readonly SavedColumn[];
  readonly model: JsonValue;
}

/** The loaded model, ready to predict. */
export type LoadedModel = { readonly columns: ColumnPlan[] } & (
  | { readonly algorithm: 'em'; readonly model: MixtureModel }
  | { readonly algorithm: 'kmeans'; readonly model: KMeansModel }
  | { readonly algorithm: 'bayes'; readonly model: BayesianGaussianMixtureModel<CovarianceType> }
  | { readonly algorithm: 'agglomerative'; readonly model: AgglomerativeModel }
  | { readonly algorithm: 'dbscan'; readonly model: DbscanModel }
  | { readonly algorithm: 'optics'; readonly model: OpticsModel }
  | { readonly algorithm: 'hdbscan'; readonly model: HdbscanModel }
);

/** The document for a fitted candidate. */
export function toSavedModel(
  candidate: Candidate,
  columns: readonly ColumnPlan[],
  fittedOn: string,
): SavedModel {
  return {
    kind: 'mixkit.cli-model',
    version: 1,
    algorithm: candidate.algorithm,
    fittedOn,
    ...(candidate.covariance === undefined ? {} : { covariance: candidate.covariance }),
    columns: columns.map(({ name, kind, levels }) =>
      levels === undefined ? { name, kind } : { name, kind, levels: [...levels] },
    ),
    model: modelJson(candidate),
  };
}

/**
 * Reads a model file. The column plan it returns has no source indices yet (-1): predict
 * finds each column by name in the new file. Throws a `CliError` naming the file for anything
 * that is not a model written by `mixkit fit`.
 */
export function loadSavedModel(file: string): LoadedModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read model (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  let doc: Partial<SavedModel>;
  try {
    doc = JSON.parse(text) as Partial<SavedModel>;
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object' || doc.kind !== 'mixkit.cli-model') {
    throw new CliError(
      `${file}: not a model written by "mixkit fit" (kind is not mixkit.cli-model)`,
    );
  }
  if (doc.version !== 1) throw new CliError(`${file}: unsupported model version ${doc.version}`);
  const columns = readColumns(file, doc.columns);
  try {
    return readModel(doc.algorithm, doc.model ?? null, columns, file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: damaged model: ${(error as Error).message}`);
  }
}

/** The library model of a saved document, by its algorithm. */
function readModel(
  algorithm: unknown,
  json: JsonValue,
  columns: ColumnPlan[],
  file: string,
): LoadedModel {
  switch (algorithm) {
    case 'em':
      return { algorithm, columns, model: MixtureModel.fromJSON(json, familyFromSpec) };
    case 'kmeans':
      return { algorithm, columns, model: KMeansModel.fromJSON(json) };
    case 'bayes':
      return { algorithm, columns, model: BayesianGaussianMixtureModel.fromJSON(json) };
    case 'agglomerative':
      return { algorithm, columns, model: AgglomerativeModel.fromJSON(json) };
    case 'dbscan':
      return { algorithm, columns, model: DbscanModel.fromJSON(json) };
    case 'optics':
      return { algorithm, columns, model: OpticsModel.fromJSON(json) };
    case 'hdbscan':
      return { algorithm, columns, model: HdbscanModel.fromJSON(json) };
    default:
      throw new CliError(`${file}: unknown algorithm ${JSON.stringify(algorithm)}`);
  }
}

function readColumns(file: string, columns: unknown): ColumnPlan[] {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new CliError(`${file}: damaged model: no column list`);
  }
  return columns.map((column: Partial<SavedColumn>, index) => {
    const kind = columnKinds.find((k) => k === column?.kind);
    const levels = column?.levels;
    if (
      typeof column?.name !== 'string' ||
      kind === undefined ||
      (kind === 'categorical' &&
        !(Array.isArray(levels) && levels.every((l) => typeof l === 'string')))
    ) {
      throw new CliError(`${file}: damaged model: bad entry ${index} in the column list`);
    }
    return {
      name: column.name,
      kind,
      sourceIndex: -1,
      inferred: false,
      ...(kind === 'categorical' ? { levels: levels as string[] } : {}),
    };
  });
}
