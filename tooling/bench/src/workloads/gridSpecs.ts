import type { WorkloadSpec } from './workloadSpecs.js';

/** What a grid shape fits: k-means (auto), or a Gaussian mixture with full or diagonal covariances. */
export type GridFit = 'kmeans' | 'gmm-full' | 'gmm-diag';

/** One shape of the grid: overlapping clusters of unequal sizes and spreads, and what to fit. */
export interface GridShape extends WorkloadSpec {
  readonly fit: GridFit;
  /** Iterations every contender runs (tolerance 0), from the same start. */
  readonly iterations: number;
  /** Why this shape is in the grid, when it is one an independent run reported. */
  readonly note?: string;
}

function shape(
  fit: GridFit,
  n: number,
  d: number,
  k: number,
  iterations: number,
  note?: string,
): GridShape {
  return {
    // The data depends on (d, k) only, so the three fits share their files.
    name: `overlap-d${d}-k${k}`,
    kind: 'overlap',
    cols: d,
    k,
    seed: 1000 + 100 * d + k,
    rows: { tiny: Math.max(4 * k, 300), small: Math.round(n / 10), full: n },
    fit,
    iterations,
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * The grid of issue 23: d from 2 to 128, k from 2 to 64, on overlapping clusters of unequal
 * sizes and spreads (`overlapping` in generateWorkload.ts), for k-means and for Gaussian
 * mixtures with full and diagonal covariances. n is chosen per shape so that one fit takes
 * seconds, not minutes, on two busy cores (the `full` size; `small` is a tenth).
 */
export const GRID: readonly GridShape[] = [
  shape('kmeans', 500_000, 2, 2, 20),
  shape('kmeans', 500_000, 2, 16, 20),
  shape('kmeans', 500_000, 2, 64, 20),
  shape('kmeans', 300_000, 8, 8, 20),
  shape('kmeans', 300_000, 8, 64, 20),
  shape('kmeans', 300_000, 16, 4, 20),
  shape('kmeans', 200_000, 32, 32, 20),
  shape('kmeans', 1_000_000, 32, 64, 20, 'an independent run measured 1.26x on 1M x 32, k = 64'),
  shape('kmeans', 200_000, 64, 2, 20),
  shape('kmeans', 500_000, 64, 32, 20, 'an independent run measured 3.7x per iteration here'),
  shape('kmeans', 100_000, 128, 8, 20),
  shape('kmeans', 100_000, 128, 64, 20),
  shape('gmm-full', 200_000, 2, 4, 10),
  shape('gmm-full', 200_000, 8, 8, 10),
  shape('gmm-full', 100_000, 16, 8, 10),
  shape('gmm-full', 100_000, 32, 16, 5),
  shape('gmm-full', 200_000, 48, 12, 5, 'an independent run measured 1.34x per iteration here'),
  shape('gmm-full', 100_000, 64, 8, 5),
  shape('gmm-full', 50_000, 128, 8, 5),
  shape('gmm-diag', 500_000, 2, 8, 10),
  shape('gmm-diag', 500_000, 8, 32, 10),
  shape('gmm-diag', 200_000, 32, 16, 10),
  shape('gmm-diag', 100_000, 128, 8, 10),
];

/** The case id of a grid shape, e.g. `grid/kmeans-n500000-d64-k32`. */
export function gridCaseId(s: GridShape): string {
  return `grid/${s.fit}-n${s.rows.full}-d${s.cols}-k${s.k}`;
}
