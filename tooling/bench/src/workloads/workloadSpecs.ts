/** How big a run is: `full` is what the README reports, `small` finishes in under a minute. */
export type BenchSize = 'tiny' | 'small' | 'full';

/** The kinds of synthetic data the generator can make. */
export type WorkloadKind = 'blobs' | 'gmm' | 'mixed' | 'noisy-blobs' | 'directions' | 'overlap';

/** One fixed, seeded workload. `rows` depends on the size; everything else does not. */
export interface WorkloadSpec {
  /** Also the cache file stem (with the row count). */
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly cols: number;
  /** Number of generating clusters / components (also the k fitted by the suites). */
  readonly k: number;
  readonly seed: number;
  readonly rows: Readonly<Record<BenchSize, number>>;
}

/**
 * The workloads of the issue. `tiny` exists only for the smoke test; `small` scales n down so the
 * small run finishes in under a minute on two busy cores; `full` is the size the README reports.
 */
export const WORKLOADS = {
  'blobs-small': {
    name: 'blobs-small',
    kind: 'blobs',
    cols: 2,
    k: 5,
    seed: 101,
    rows: { tiny: 600, small: 10_000, full: 10_000 },
  },
  'gmm-medium': {
    name: 'gmm-medium',
    kind: 'gmm',
    cols: 10,
    k: 8,
    seed: 202,
    rows: { tiny: 800, small: 20_000, full: 100_000 },
  },
  'gmm-large': {
    name: 'gmm-large',
    kind: 'gmm',
    cols: 16,
    k: 16,
    seed: 303,
    rows: { tiny: 800, small: 20_000, full: 1_000_000 },
  },
  'kmeans-large': {
    name: 'kmeans-large',
    kind: 'blobs',
    cols: 32,
    k: 64,
    seed: 404,
    rows: { tiny: 1_000, small: 20_000, full: 1_000_000 },
  },
  // Two Gaussian columns, two Poisson count columns and one categorical column (codes 0..3).
  'mixed-types': {
    name: 'mixed-types',
    kind: 'mixed',
    cols: 5,
    k: 3,
    seed: 505,
    rows: { tiny: 600, small: 20_000, full: 200_000 },
  },
  // Density and hierarchical clustering (suite `cluster`): 8 unit blobs + 10% uniform noise.
  'noisy-2d': {
    name: 'noisy-2d',
    kind: 'noisy-blobs',
    cols: 2,
    k: 8,
    seed: 606,
    rows: { tiny: 400, small: 5_000, full: 20_000 },
  },
  'noisy-10d': {
    name: 'noisy-10d',
    kind: 'noisy-blobs',
    cols: 10,
    k: 8,
    seed: 707,
    rows: { tiny: 400, small: 5_000, full: 20_000 },
  },
  // Growth with n (suite `cluster-growth`, mixkit only): 10k, 30k and 100k rows at full size.
  'noisy-2d-10k': {
    name: 'noisy-2d-10k',
    kind: 'noisy-blobs',
    cols: 2,
    k: 8,
    seed: 808,
    rows: { tiny: 300, small: 2_000, full: 10_000 },
  },
  'noisy-2d-30k': {
    name: 'noisy-2d-30k',
    kind: 'noisy-blobs',
    cols: 2,
    k: 8,
    seed: 808,
    rows: { tiny: 400, small: 4_000, full: 30_000 },
  },
  'noisy-2d-100k': {
    name: 'noisy-2d-100k',
    kind: 'noisy-blobs',
    cols: 2,
    k: 8,
    seed: 808,
    rows: { tiny: 500, small: 8_000, full: 100_000 },
  },
  'noisy-10d-10k': {
    name: 'noisy-10d-10k',
    kind: 'noisy-blobs',
    cols: 10,
    k: 8,
    seed: 909,
    rows: { tiny: 300, small: 2_000, full: 10_000 },
  },
  'noisy-10d-30k': {
    name: 'noisy-10d-30k',
    kind: 'noisy-blobs',
    cols: 10,
    k: 8,
    seed: 909,
    rows: { tiny: 400, small: 4_000, full: 30_000 },
  },
  'noisy-10d-100k': {
    name: 'noisy-10d-100k',
    kind: 'noisy-blobs',
    cols: 10,
    k: 8,
    seed: 909,
    rows: { tiny: 500, small: 8_000, full: 100_000 },
  },
  // Unit vectors around k random directions (embedding-like data, compared by angle).
  embeddings: {
    name: 'embeddings',
    kind: 'directions',
    cols: 128,
    k: 16,
    seed: 606,
    rows: { tiny: 800, small: 20_000, full: 100_000 },
  },
} as const satisfies Record<string, WorkloadSpec>;

export type WorkloadName = keyof typeof WORKLOADS;

/** Bumped whenever a generator changes, so stale cache files are regenerated. */
export const GENERATOR_VERSION = 1;
