import type { JsonValue } from '@mixkit/core';
import type { TextEncoding } from '@mixkit/csv';
import type { Algorithm, CovarianceType, Criterion } from '../options/fitSettings.js';
import type { ColumnKind } from '../table/columnKind.js';

/** One row of the model selection table. */
export interface SelectionRow {
  readonly k: number;
  readonly covariance: CovarianceType | null;
  readonly logLikelihood: number;
  readonly nParameters: number;
  /** The criterion's value (lower is better). */
  readonly score: number;
  readonly chosen: boolean;
}

/** One fitted component: mixing weight, size of its hard cluster and its parameters' JSON. */
export interface ComponentReport {
  readonly weight: number;
  readonly size: number;
  readonly params: JsonValue;
}

/**
 * What `mixkit fit` prints: as text by default, as this object with `--json`. Everything is
 * plain JSON (no typed arrays), so the JSON output is exactly this value.
 */
export interface FitReport {
  readonly command: 'fit';
  readonly data: string;
  readonly rows: number;
  /**
   * Missing cells (empty or NA) in the modelled columns: 0, or, with `--missing marginalize`,
   * how many were marginalised out of the likelihood.
   */
  readonly missingCells: number;
  /** The text encoding the file was read in (`utf-16le` when a spreadsheet saved "Unicode text"). */
  readonly encoding: TextEncoding;
  /** Where the data was held while fitting: in memory, or streamed from the file per pass. */
  readonly storage: 'memory' | 'out-of-core';
  readonly columns: readonly {
    readonly name: string;
    readonly kind: ColumnKind;
    readonly inferred: boolean;
    readonly levels?: readonly string[];
  }[];
  readonly algorithm: Algorithm;
  readonly k: number;
  readonly covariance: CovarianceType | null;
  /** EM only: total log-likelihood of the training rows and the information criteria. */
  readonly logLikelihood: number | null;
  readonly nParameters: number | null;
  readonly bic: number | null;
  readonly aic: number | null;
  readonly icl: number | null;
  /** k-means only: within-cluster sum of squares. */
  readonly inertia: number | null;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
  /** Families in block order, e.g. ["gaussian-full"] or ["gaussian-full", "poisson", "categorical"]. */
  readonly families: readonly string[];
  readonly components: readonly ComponentReport[];
  readonly selection: {
    readonly criterion: Criterion;
    readonly rows: readonly SelectionRow[];
  } | null;
  readonly agreement: { readonly labelColumn: string; readonly ari: number } | null;
  readonly outputs: { readonly labels: string; readonly model: string };
}
