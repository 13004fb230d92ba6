import type { Clusterer, ClusteringModel } from '../clusterer.js';
import type { JsonValue } from '../json.js';
import type { Matrix } from '../matrix.js';
import type { RandomSource } from '../random.js';

/** The names of the battery's checks, usable as keys of `expectedFailures`. */
export type ClustererCheckName =
  | 'recovers-separated-clusters'
  | 'rejects-nan'
  | 'rejects-infinity'
  | 'rejects-empty'
  | 'one-row'
  | 'rejects-zero-clusters'
  | 'rejects-too-many-clusters'
  | 'rejects-fractional-clusters'
  | 'rejects-wrong-width'
  | 'rejects-bad-weights'
  | 'extreme-weights'
  | 'huge-values'
  | 'tiny-values'
  | 'mixed-column-scales'
  | 'deterministic'
  | 'deterministic-fresh-module'
  | 'deterministic-other-process'
  | 'json-round-trip'
  | 'weight-equals-repetition'
  | 'row-order'
  | 'abort'
  | 'no-nan'
  | 'objective-monotone';

/** What the battery asks a data maker for. */
export interface DataRequest {
  /** Rows to make. */
  readonly rows: number;
  /** Clusters in the data (row i belongs to one of 0 .. nClusters − 1). */
  readonly nClusters: number;
  /**
   * `'separated'`: clusters any correct clusterer recovers exactly (the battery checks it);
   * `'overlapping'`: clusters that take several iterations to settle (for the objective trace).
   */
  readonly separation: 'separated' | 'overlapping';
  /** The only source of randomness the maker may use (seeded by the battery). */
  readonly random: RandomSource;
}

/** Data with its true partition: row i belongs to cluster `labels[i]` (0 .. nClusters − 1). */
export interface LabelledData {
  /** The data. */
  readonly X: Matrix;
  /** The true cluster of every row. */
  readonly labels: Int32Array;
}

/** Makes the data a clusterer accepts (counts, codes, positive values...), with the truth. */
export type DataMaker = (request: DataRequest) => LabelledData;

/** In which direction the clusterer's `diagnostics.objective` trace moves. */
export type ObjectiveDirection =
  /** Never decreases (EM's log-likelihood, or the MAP objective with priors). */
  | 'maximize'
  /** Never increases (k-means inertia, k-medoids deviation). */
  | 'minimize'
  /** No monotone trace (e.g. mini-batch k-means' smoothed batch inertia): not checked. */
  | 'none';

/** How the battery builds and reads one clusterer. */
export interface ClustererSetup<Model extends ClusteringModel = ClusteringModel> {
  /** The clusterer for `nClusters` (the battery also passes 0, 2.5 and too many). */
  create(nClusters: number): Clusterer<Model>;
  /** The model type's own loader: `fromJSON(model.toJSON())` must give the model back exactly. */
  fromJSON(json: JsonValue): ClusteringModel;
  /** The data the clusterer accepts. Default: Gaussian blobs in 2 columns (`gaussianBlobs`). */
  readonly data?: DataMaker;
  /**
   * The models are soft (`SoftClusteringModel`): `predictProba`, `scoreSamples` and `score` are
   * checked too. Default false.
   */
  readonly soft?: boolean;
  /**
   * The clusterer honours `sampleWeight`. Default true. When false, passing weights must be a
   * typed error naming `sampleWeight` (never silently ignored).
   */
  readonly sampleWeight?: boolean;
  /** The direction of the objective trace. Default `'none'`. */
  readonly objective?: ObjectiveDirection;
  /**
   * The clusterer reports progress through `onIteration` (default true). A one-pass algorithm
   * (a linkage tree) has no iterations: then only an abort before the fit is checked.
   */
  readonly progress?: boolean;
  /**
   * The clusterer finds the number of clusters itself (density-based; `Clusterer.nClusters`
   * undefined): `create` ignores its argument, the `nClusters` checks are left out, and rows may
   * be labelled `NOISE` (-1). Default false.
   */
  readonly findsClusters?: boolean;
  /**
   * A fresh instance of the clusterer's module (`vi.resetModules()` has run just before): the
   * test file imports its module dynamically, e.g.
   * `reload: async () => { const m = await import('../src/index.js'); return (k) => new m.KMeans({ nClusters: k }); }`.
   * Without it the `deterministic-fresh-module` check fails and says so.
   */
  reload?(): Promise<(nClusters: number) => Clusterer<ClusteringModel>>;
  /**
   * Fits `create(nClusters)` on X with `{random: seed}` in another process and returns the
   * model's `toJSON()` from there (core has no processes: the test file brings this, e.g. with
   * `fitInChildProcess` of the repository's `@mixkit/test-utils/childProcess`). Without it the
   * `deterministic-other-process` check fails and says so.
   */
  fitInOtherProcess?(X: Matrix, nClusters: number, seed: number): Promise<JsonValue>;
  /** Checks known to fail, with the reason; they run as expected failures (`it.fails`). */
  readonly expectedFailures?: Partial<Record<ClustererCheckName, string>>;
  /** Rows of the battery's data (default 90). */
  readonly rows?: number;
  /** Clusters in the battery's data (default 3). */
  readonly nClusters?: number;
  /** Seed of the data and of every fit (default 7). */
  readonly seed?: number;
}

/** One runnable check: what `describeClusterer` turns into a test. */
export interface ClustererCheck {
  /** Which check it is. */
  readonly check: ClustererCheckName;
  /** What it asserts, as the test's title. */
  readonly title: string;
  /** Throws an `Error` explaining the violation; resolves when the check passes. */
  readonly run: () => void | Promise<void>;
}
