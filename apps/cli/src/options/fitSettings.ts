import type { MissingPolicy } from '@mixkit/core';
import type { CovarianceType } from '@mixkit/distributions';
import type { ColumnSelection } from '../table/columnSelection.js';

export type { CovarianceType };
export type Algorithm = 'em' | 'kmeans';
export type Criterion = 'bic' | 'aic' | 'icl';
/**
 * What to do with missing cells (empty or NA): refuse them (`error`, the default) or fit with
 * them, marginalised out of the likelihood (`marginalize`; core's `MissingPolicy`).
 */
export type { MissingPolicy };
/** Where the data is fitted: chosen by its size, or forced. */
export type OutOfCore = 'auto' | 'always' | 'never';
export type DecimalName = 'point' | 'comma';

export const algorithms: readonly Algorithm[] = ['em', 'kmeans'];
export const covarianceTypes: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
export const criteria: readonly Criterion[] = ['bic', 'aic', 'icl'];
export const missingPolicies: readonly MissingPolicy[] = ['error', 'marginalize'];
export const outOfCoreChoices: readonly OutOfCore[] = ['auto', 'always', 'never'];
export const decimalNames: readonly DecimalName[] = ['point', 'comma'];

/** How cells are read: the decimal mark and the texts that mean "no value". */
export interface CellSettings {
  readonly decimal: '.' | ',';
  /** Missing-value tokens: always the empty cell, plus `NA` unless `--na` says otherwise. */
  readonly missing: readonly string[];
}

/** Everything `mixkit fit` was asked to do, validated, with defaults filled in. */
export interface FitSettings {
  readonly data: string;
  readonly algorithm: Algorithm;
  /** Component counts to try (one entry: no selection). */
  readonly k: readonly number[];
  /** Covariance types to try for the Gaussian columns (one entry: no selection). */
  readonly covariance: readonly CovarianceType[];
  readonly criterion: Criterion;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  readonly tolerance: number | undefined;
  readonly nInit: number;
  /** Added to the diagonal of every Gaussian covariance and Student-t scale (`regCovar`). */
  readonly regCovar: number | undefined;
  readonly proba: boolean;
  readonly json: boolean;
  readonly columns: ColumnSelection;
  readonly cells: CellSettings;
  readonly missing: MissingPolicy;
  readonly outOfCore: OutOfCore;
  /** Most bytes the numeric data may take in memory before `auto` fits it out of core. */
  readonly memoryLimit: number;
  readonly delimiter: string | undefined;
  readonly labelsOut: string;
  readonly modelOut: string;
}

/** Everything `mixkit predict` was asked to do. */
export interface PredictSettings {
  readonly model: string;
  readonly data: string;
  readonly proba: boolean;
  readonly json: boolean;
  readonly delimiter: string | undefined;
  readonly cells: CellSettings;
  readonly labelsOut: string;
  readonly label: string | undefined;
}
