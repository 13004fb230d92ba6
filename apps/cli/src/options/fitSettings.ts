import type { CovarianceType } from '@mixkit/distributions';
import type { ColumnSelection } from '../table/planColumns.js';

export type { CovarianceType };
export type Algorithm = 'em' | 'kmeans';
export type Criterion = 'bic' | 'aic' | 'icl';

export const algorithms: readonly Algorithm[] = ['em', 'kmeans'];
export const covarianceTypes: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
export const criteria: readonly Criterion[] = ['bic', 'aic', 'icl'];

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
  readonly proba: boolean;
  readonly json: boolean;
  readonly columns: ColumnSelection;
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
  readonly labelsOut: string;
  readonly label: string | undefined;
}
