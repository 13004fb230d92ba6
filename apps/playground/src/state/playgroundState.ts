import type { CovarianceType } from '@mixkit/distributions';
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
export type DatasetName = 'faithful' | 'iris' | 'wine' | 'blobs' | 'mixture' | 'custom' | 'user';

/** Covariance structure shared by every Gaussian component (scikit-learn's `covariance_type`). */
export type { CovarianceType };

/**
 * The family of one mixture component. `gaussian` uses the page-wide covariance type; the others
 * are products of independent per-column families (they need positive data).
 */
export type ComponentKind = 'gaussian' | 'gamma' | 'lognormal' | 'exponential';

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
  readonly covariance: CovarianceType;
  readonly init: InitName;
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
  'custom',
  'user',
];
export const COVARIANCE_TYPES: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
export const COMPONENT_KINDS: readonly ComponentKind[] = [
  'gaussian',
  'gamma',
  'lognormal',
  'exponential',
];
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
