// The page's limits for the methods whose cost grows fastest. This module imports no library
// code, so the page's thread can show them without loading the methods.

/**
 * Most rows mclust's selection runs on here. Its hierarchical start holds n(n − 1)/2 pair costs
 * and takes about n³/6 steps (mclust itself runs it on a subset of 2000 rows for larger data).
 */
export const MCLUST_MAX_ROWS = 2000;

/**
 * Complete and average linkage hold the n(n − 1)/2 distances (100 MB at 5,000 rows): the page
 * runs them on at most this many rows. Ward's linkage runs on the cluster centroids above it
 * (no matrix; the same merges, see the hierarchical README), single linkage needs no matrix.
 */
export const LINKAGE_MATRIX_MAX_ROWS = 5000;

/** Most components mclust's selection tries (R's `Mclust()` default `G = 1:9`). */
export const MCLUST_MAX_COMPONENTS = 9;

/**
 * The numbers of components mclust's selection tries on `rows` rows: 1 to 9 as R's default,
 * but never more components than rows (the library rejects that, and so does mclust's `hc`).
 */
export function mclustComponentRange(rows: number): number[] {
  const top = Math.max(1, Math.min(MCLUST_MAX_COMPONENTS, rows));
  return Array.from({ length: top }, (_, i) => i + 1);
}
