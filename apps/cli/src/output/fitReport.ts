import type { JsonValue } from '@mixkit/core';
import type { TextEncoding } from '@mixkit/csv';
import type { ClusterSelection } from '@mixkit/density';
import type { WeightPrior } from '@mixkit/gaussian-mixture';
import type { LinkageMethod } from '@mixkit/hierarchical';
import type {
  Algorithm,
  CovarianceName,
  CovarianceType,
  Criterion,
  DistanceMetric,
  GaussianModelName,
} from '../options/fitSettings.js';
import type { ColumnKind } from '../table/columnKind.js';

/** One row of the model selection table. */
export interface SelectionRow {
  readonly k: number;
  readonly covariance: CovarianceName | null;
  readonly logLikelihood: number;
  readonly nParameters: number;
  /** The criterion's value (lower is better). */
  readonly score: number;
  readonly chosen: boolean;
}

/** One fitted component or cluster: its weight, its rows and its parameters as JSON. */
export interface ComponentReport {
  /** Mixing weight (mixtures) or share of the rows (clusterers). */
  readonly weight: number;
  /** Rows labelled with it. */
  readonly size: number;
  /** A mixture component's parameters (`paramsToJSON`); a clusterer's center or mean row. */
  readonly params: JsonValue;
}

/** Smallest, 10th percentile, median, 90th percentile and largest of some finite values. */
export interface Spread {
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
}

/** One cell of mclust's BIC table. */
export interface MclustCell {
  readonly model: GaussianModelName;
  readonly k: number;
  /** mclust's BIC, 2·loglik − npar·log n (higher is better); null where mclust prints NA. */
  readonly bic: number | null;
  readonly logLikelihood: number | null;
  readonly nParameters: number;
}

/** What only one algorithm reports; `kind` names it (`mclust` is `--algo em --select mclust`). */
export type AlgorithmDetails =
  | { readonly kind: 'em' }
  | { readonly kind: 'kmeans' }
  | {
      readonly kind: 'mclust';
      /** The sign convention of `grid[].bic` against this report's `bic`. */
      readonly bicConvention: string;
      readonly best: {
        readonly model: GaussianModelName;
        readonly k: number;
        readonly bic: number;
      };
      readonly grid: readonly MclustCell[];
      /** The table as R prints an `mclustBIC` object, and as R prints its `summary()`. */
      readonly table: string;
      readonly summary: string;
    }
  | {
      readonly kind: 'bayes';
      readonly weightPrior: WeightPrior;
      readonly weightConcentration: number | null;
      /**
       * The evidence lower bound of the fitted posterior as scikit-learn's `lower_bound_` gives
       * it (over all training rows, without the terms that are constant after an M-step).
       */
      readonly lowerBound: number;
      /** Components with less than one training row of expected membership. */
      readonly unusedComponents: readonly number[];
      /** Whether they were dropped from the labels and the saved model (`--prune`). */
      readonly pruned: boolean;
    }
  | {
      readonly kind: 'agglomerative';
      readonly linkage: LinkageMethod;
      readonly metric: DistanceMetric;
      readonly cut: { readonly k: number } | { readonly height: number };
      /** Heights of the last merges, highest first (the cut undid those above it). */
      readonly lastMerges: readonly number[];
    }
  | {
      readonly kind: 'dbscan';
      readonly eps: number;
      readonly minPts: number;
      readonly metric: DistanceMetric;
      readonly coreSamples: number;
    }
  | {
      readonly kind: 'optics';
      readonly eps: number | null;
      readonly epsCluster: number;
      readonly minPts: number;
      readonly metric: DistanceMetric;
      /** The finite reachability distances (the reachability plot's bars). */
      readonly reachability: Spread | null;
      /** Rows whose reachability is infinite (each starts a new part of the ordering). */
      readonly unreachable: number;
    }
  | {
      readonly kind: 'hdbscan';
      readonly minPts: number;
      readonly clusterSelection: ClusterSelection;
      readonly metric: DistanceMetric;
      /** Membership strength of the clustered rows. */
      readonly probabilities: Spread | null;
      /** GLOSH outlier scores of every row. */
      readonly outlierScores: Spread;
      readonly clusterStabilities: readonly number[];
    };

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
  /** Components, or clusters found (noise not counted). */
  readonly k: number;
  readonly covariance: CovarianceName | CovarianceType | null;
  /** EM only: total log-likelihood of the training rows and the information criteria. */
  readonly logLikelihood: number | null;
  readonly nParameters: number | null;
  /** mixkit's sign: −2·loglik + npar·log n, lower is better. */
  readonly bic: number | null;
  readonly aic: number | null;
  readonly icl: number | null;
  /** k-means only: within-cluster sum of squares. */
  readonly inertia: number | null;
  /** Iterations of iterative fits; null for single-pass algorithms. */
  readonly iterations: number | null;
  readonly converged: boolean | null;
  /** Rows labelled -1 (noise: in no cluster) by the density algorithms; null for the others. */
  readonly noise: number | null;
  readonly warnings: readonly string[];
  /**
   * A mixture's families in block order, e.g. ["gaussian-full"] or ["gaussian-full",
   * "poisson", "categorical"]; ["k-means"] for k-means; [] for the other clusterers.
   */
  readonly families: readonly string[];
  readonly components: readonly ComponentReport[];
  readonly selection: {
    readonly criterion: Criterion;
    readonly rows: readonly SelectionRow[];
  } | null;
  readonly details: AlgorithmDetails;
  readonly agreement: { readonly labelColumn: string; readonly ari: number } | null;
  readonly outputs: { readonly labels: string; readonly model: string };
}
