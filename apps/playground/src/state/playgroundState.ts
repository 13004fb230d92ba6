import type { ClusterSelection } from '@mixkit/density';
import {
  type CovarianceType,
  type GaussianModelName,
  gaussianModelNames,
} from '@mixkit/distributions';
import type { WeightPrior } from '@mixkit/gaussian-mixture';
import type { LinkageMethod } from '@mixkit/hierarchical';
/**
 * Everything that decides what the page fits and shows. It is a plain value so that it can be
 * written to and read from the URL (`urlState.ts`): a shared link reproduces the same fit.
 */

/** Which picture: the 2-D scatter with ellipses, or the classic 1-D histogram with densities. */
export type ViewMode = '2d' | '1d';

/**
 * Bundled real data, seeded synthetic data, points the user clicked in, or the user's own table
 * (a CSV/TSV file dropped, chosen or pasted; kept in the tab's session storage, not in the URL).
 */
export type DatasetName =
  | 'faithful'
  | 'iris'
  | 'wine'
  | 'blobs'
  | 'mixture'
  | 'moons'
  | 'directions'
  | 'custom'
  | 'user';

/** Covariance structure shared by every Gaussian component (scikit-learn's `covariance_type`). */
export type { CovarianceType, GaussianModelName };

/**
 * The Gaussian components' covariance: one of scikit-learn's four types, or one of mclust's
 * fourteen parsimonious models (`gaussianModel(name)`, Σₖ = λₖ·Dₖ·Aₖ·Dₖᵀ).
 */
export type CovarianceChoice = CovarianceType | GaussianModelName;

/**
 * The family of one mixture component. `gaussian` uses the page-wide covariance choice;
 * `student-t` and `student-t-diag` are multivariate t's with a full or diagonal scale and their
 * degrees of freedom learned; `von-mises-fisher` models directions (the rows are scaled to unit
 * length); the others are products of independent per-column families (they need positive data).
 */
export type ComponentKind =
  | 'gaussian'
  | 'student-t'
  | 'student-t-diag'
  | 'von-mises-fisher'
  | 'gamma'
  | 'lognormal'
  | 'exponential';

/**
 * What clusters the data: a mixture fitted by EM (`em`), a variational Bayesian Gaussian mixture
 * (`variational`), mclust's model selection (`mclust`), or a hard clusterer: agglomerative,
 * DBSCAN, OPTICS or HDBSCAN. k-means can be shown beside any of them (`compare`).
 */
export type MethodName =
  | 'em'
  | 'variational'
  | 'mclust'
  | 'agglomerative'
  | 'dbscan'
  | 'optics'
  | 'hdbscan';

/** Where the dendrogram is cut: into `k` clusters, or below the height `height`. */
export type CutMode = 'k' | 'height';

/** A radius: a number in data units, or `auto` (chosen by the worker from the data, see `suggestEps`). */
export type Radius = number | 'auto';

/**
 * How EM starts: `random-placement` is the page's textbook start (components centred on random
 * rows, each as wide as the data; see `fit/randomPlacement.ts`); the others are `@mixkit/em`'s
 * own `init` strategies (one random row per component, k-means labels, k-means++ seeds, random
 * responsibilities).
 */
export type InitName = 'random-placement' | 'random-from-data' | 'k-means' | 'k-means++' | 'random';

/** Points colored by their blended responsibilities (soft) or by their most likely component (hard). */
export type ColorMode = 'soft' | 'hard';

export interface PlaygroundState {
  readonly view: ViewMode;
  readonly dataset: DatasetName;
  /** Rows drawn for the synthetic data sets. */
  readonly n: number;
  /** Seed of the synthetic data (separate from the fit's seed, so reseeding a fit keeps the data). */
  readonly dataSeed: number;
  /** Seed of the fit's initialisation. */
  readonly seed: number;
  /** Number of components; always equal to `families.length`. */
  readonly k: number;
  readonly families: readonly ComponentKind[];
  readonly covariance: CovarianceChoice;
  readonly init: InitName;
  /** The clustering method; the fields below it apply to some methods only. */
  readonly method: MethodName;
  /** Variational mixture: the prior on the weights. */
  readonly weightPrior: WeightPrior;
  /** Variational mixture: the weight concentration prior (undefined: scikit-learn's 1/k). */
  readonly concentration: number | undefined;
  /** Agglomerative: the linkage, and where the dendrogram is cut (`k` clusters or `height`). */
  readonly linkage: LinkageMethod;
  readonly cut: CutMode;
  readonly height: number;
  /** DBSCAN's radius, and OPTICS' extraction radius (`epsCluster`). */
  readonly eps: Radius;
  /** OPTICS' neighbourhood bound (`eps` of the library; `auto`: four times the extraction radius). */
  readonly maxEps: Radius;
  /** DBSCAN, OPTICS, HDBSCAN: rows that make a neighbourhood dense (HDBSCAN: also the least cluster size). */
  readonly minPts: number;
  /** HDBSCAN: excess of mass (`eom`) or the leaves of the condensed tree. */
  readonly selection: ClusterSelection;
  readonly color: ColorMode;
  /** Show a k-means fit of the same data beside the mixture. */
  readonly compare: boolean;
  /** Columns of the data shown on the 2-D view's x and y axes (the fit uses every column). */
  readonly xColumn: number;
  readonly yColumn: number;
  /** Column shown by the 1-D view. */
  readonly column: number;
  /** Points of the `custom` data set, in data coordinates. */
  readonly points: readonly (readonly [number, number])[];
}

export const DATASETS: readonly DatasetName[] = [
  'faithful',
  'iris',
  'wine',
  'blobs',
  'mixture',
  'moons',
  'directions',
  'custom',
  'user',
];
export const COVARIANCE_TYPES: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
/** scikit-learn's four types, then mclust's fourteen models in mclust's order. */
export const COVARIANCE_CHOICES: readonly CovarianceChoice[] = [
  ...COVARIANCE_TYPES,
  ...gaussianModelNames,
];
export const COMPONENT_KINDS: readonly ComponentKind[] = [
  'gaussian',
  'student-t',
  'student-t-diag',
  'von-mises-fisher',
  'gamma',
  'lognormal',
  'exponential',
];
export const METHOD_NAMES: readonly MethodName[] = [
  'em',
  'variational',
  'mclust',
  'agglomerative',
  'dbscan',
  'optics',
  'hdbscan',
];
/** The methods that fit a mixture (soft, with iterations the player steps through). */
export const MIXTURE_METHODS: readonly MethodName[] = ['em', 'variational', 'mclust'];
export const WEIGHT_PRIORS: readonly WeightPrior[] = [
  'dirichlet-process',
  'dirichlet-distribution',
];
export const LINKAGE_CHOICES: readonly LinkageMethod[] = ['ward', 'complete', 'average', 'single'];
export const CUT_MODES: readonly CutMode[] = ['k', 'height'];
export const SELECTIONS: readonly ClusterSelection[] = ['eom', 'leaf'];
export const INIT_NAMES: readonly InitName[] = [
  'random-placement',
  'random-from-data',
  'k-means',
  'k-means++',
  'random',
];
export const VIEW_MODES: readonly ViewMode[] = ['2d', '1d'];
export const COLOR_MODES: readonly ColorMode[] = ['soft', 'hard'];

export const MIN_COMPONENTS = 1;
export const MAX_COMPONENTS = 8;
export const MIN_ROWS = 10;
export const MAX_ROWS = 20_000;
/**
 * minPts' range for a method, as the density package checks it: DBSCAN and OPTICS take 1 (every
 * row a core point, scikit-learn's `min_samples=1`); HDBSCAN needs 2 (its least cluster size).
 */
export function minPtsRange(method: MethodName): readonly [number, number] {
  return [method === 'hdbscan' ? 2 : 1, 1000];
}

export const DEFAULT_STATE: PlaygroundState = {
  view: '2d',
  dataset: 'faithful',
  n: 1000,
  dataSeed: 1,
  seed: 5,
  k: 2,
  families: ['gaussian', 'gaussian'],
  covariance: 'full',
  init: 'random-placement',
  method: 'em',
  weightPrior: 'dirichlet-process',
  concentration: undefined,
  linkage: 'ward',
  cut: 'k',
  height: 1,
  eps: 'auto',
  maxEps: 'auto',
  minPts: 10,
  selection: 'eom',
  color: 'soft',
  compare: false,
  xColumn: 0,
  yColumn: 1,
  column: 0,
  points: [],
};

/**
 * Returns `families` resized to `k` entries: extra entries are dropped and new ones repeat the
 * last family (or `gaussian`), so changing k in the form keeps the user's earlier choices.
 */
export function resizeFamilies(
  families: readonly ComponentKind[],
  k: number,
): readonly ComponentKind[] {
  const out = families.slice(0, k);
  const fill = families[families.length - 1] ?? 'gaussian';
  while (out.length < k) out.push(fill);
  return out;
}

/** True for the methods that fit a mixture (EM, variational, mclust). */
export function isMixtureMethod(method: MethodName): boolean {
  return MIXTURE_METHODS.includes(method);
}

/** True for one of scikit-learn's four covariance types (not an mclust model name). */
export function isCovarianceType(choice: CovarianceChoice): choice is CovarianceType {
  return (COVARIANCE_TYPES as readonly string[]).includes(choice);
}

/** The seeded synthetic data sets (their rows and seed are in the state). */
export const SYNTHETIC_DATASETS: readonly DatasetName[] = [
  'blobs',
  'mixture',
  'moons',
  'directions',
];

/** True when the data set is drawn from a seeded generator (`n` and `dataSeed` apply). */
export function isSynthetic(dataset: DatasetName): boolean {
  return SYNTHETIC_DATASETS.includes(dataset);
}
