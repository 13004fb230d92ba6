import type { ClusterSelection } from '@mixkit/density';
import type { WeightPrior } from '@mixkit/gaussian-mixture';
import type { Cut, LinkageMethod } from '@mixkit/hierarchical';
import type { Radius } from '../state/playgroundState.js';

/**
 * What clusters the data, with the method's own settings (`FitRequest.method`; absent means EM).
 * Plain data, so it crosses `postMessage`.
 */
export type MethodRequest =
  | { readonly kind: 'em' }
  | {
      readonly kind: 'variational';
      readonly weightPrior: WeightPrior;
      /** The weight concentration prior; undefined: scikit-learn's default 1/k. */
      readonly concentration: number | undefined;
    }
  | { readonly kind: 'mclust' }
  | { readonly kind: 'agglomerative'; readonly linkage: LinkageMethod; readonly cut: Cut }
  | { readonly kind: 'dbscan'; readonly eps: Radius; readonly minPts: number }
  | {
      readonly kind: 'optics';
      /** The extraction radius (`epsCluster`). */
      readonly eps: Radius;
      /** The neighbourhood bound (the library's `eps`). */
      readonly maxEps: Radius;
      readonly minPts: number;
    }
  | { readonly kind: 'hdbscan'; readonly minPts: number; readonly selection: ClusterSelection };

/** The hard clusterers' kinds. */
export type ClustererKind = Extract<
  MethodRequest['kind'],
  'agglomerative' | 'dbscan' | 'optics' | 'hdbscan'
>;

/** The variational fit's own numbers (beside the shared mixture outcome). */
export interface VariationalSummary {
  /** The evidence lower bound of the fitted posterior. */
  readonly lowerBound: number;
  /** Components with less than one row of expected membership (`unusedComponents`). */
  readonly unused: readonly number[];
  /** Posterior mean weights (`weights`). */
  readonly weights: Float64Array;
  /** Expected rows per component (`counts`). */
  readonly counts: Float64Array;
}

/** mclust's selection: the chosen cell and the table as R prints it. */
export interface MclustSummary {
  readonly modelName: string;
  readonly nClusters: number;
  /** mclust's BIC of the chosen cell (2ℓ − npar·log n: higher is better). */
  readonly bic: number;
  /** `summary(mclustBIC)`: the top three. */
  readonly summary: string;
  /** The whole BIC table, as R prints an `mclustBIC` object. */
  readonly table: string;
  /** Fits run (G values x models). */
  readonly fits: number;
  /** M-steps of the chosen fit in mclust's count (the first one from the hierarchical start). */
  readonly mSteps: number;
}

/**
 * A truncated dendrogram laid out for drawing: the top merges of the tree (the leaves are the
 * clusters just below them), x from 0 to `leaves - 1` in the tree's order, y the merge height.
 * Segments are flat arrays; `segmentLabel` is the cluster of the cut a segment lies in, -1 above
 * the cut (or where a truncated leaf mixes clusters).
 */
export interface DendrogramLayout {
  readonly leaves: number;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  readonly x2: Float64Array;
  readonly y2: Float64Array;
  readonly segmentLabel: Int32Array;
  /** Rows under each leaf, in x order. */
  readonly leafSizes: Int32Array;
  /** The cut's cluster of each leaf (-1: the leaf's rows fall in more than one). */
  readonly leafLabels: Int32Array;
  /** Height of the drawn cut line. */
  readonly cutHeight: number;
  /** The root's height. */
  readonly maxHeight: number;
  /** Merges in the whole tree (n − 1) and drawn. */
  readonly merges: number;
  readonly drawnMerges: number;
}

/**
 * OPTICS' reachability plot, binned for drawing: `bins` columns in the OPTICS order, each the
 * largest reachability of its rows (Infinity: a row that starts a new component) and the cluster
 * of its first row (-1: noise).
 */
export interface ReachabilityBars {
  readonly rows: number;
  readonly values: Float64Array;
  readonly labels: Int32Array;
  /** Largest finite reachability. */
  readonly maxFinite: number;
  /** The extraction radius (the line the clusters are cut at). */
  readonly epsCluster: number;
  /** The neighbourhood bound. */
  readonly maxEps: number;
}

/**
 * HDBSCAN's condensed tree laid out as an icicle: one shape per cluster, from its birth λ down to
 * its death λ (λ = 1 / distance), as wide as the rows still in it (`profileWidth` at
 * `profileLambda`, a step function), centred at `center`. Children hang inside their parent's
 * span. `label` is the cluster's label when it was selected, else -1.
 */
export interface CondensedTreeLayout {
  readonly clusters: number;
  /** Clusters in the tree (drawn: the `clusters` largest). */
  readonly totalClusters: number;
  readonly center: Float64Array;
  readonly birthLambda: Float64Array;
  readonly deathLambda: Float64Array;
  readonly label: Int32Array;
  readonly stability: Float64Array;
  /** Index of the parent among the drawn clusters (-1: the root). */
  readonly parent: Int32Array;
  /** Per cluster c, its profile steps are [profileStart[c], profileStart[c + 1]). */
  readonly profileStart: Int32Array;
  readonly profileLambda: Float64Array;
  readonly profileWidth: Float64Array;
  /** Rows in the data (the root's width). */
  readonly rows: number;
  /** Largest λ drawn (infinite λ, rows at distance 0, are drawn there). */
  readonly maxLambda: number;
}

/** The result of a hard clusterer, with what its view draws. */
export interface ClustererResult {
  readonly kind: ClustererKind;
  readonly labels: Int32Array;
  readonly nClusters: number;
  /** Rows labelled noise. */
  readonly noise: number;
  /** Each row's packed color: its cluster's, faded by its membership strength; noise gray. */
  readonly colors: Uint32Array;
  /** HDBSCAN's membership probabilities. */
  readonly probabilities?: Float64Array;
  /** HDBSCAN's cluster stabilities (persistence), per label. */
  readonly stabilities?: Float64Array;
  /** DBSCAN: core samples. */
  readonly coreSamples?: number;
  /** The radius used (DBSCAN's eps, OPTICS' extraction radius), `auto` resolved. */
  readonly eps?: number;
  /** OPTICS' neighbourhood bound used. */
  readonly maxEps?: number;
  readonly dendrogram?: DendrogramLayout;
  readonly reachability?: ReachabilityBars;
  readonly condensedTree?: CondensedTreeLayout;
  /** What the page chose for the user (an `auto` radius, Ward's route on large data). */
  readonly notes: readonly string[];
}
