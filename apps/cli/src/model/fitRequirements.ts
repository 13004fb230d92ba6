import { CliError } from '../cliError.js';
import type { FitSettings } from '../options/fitSettings.js';
import { formatBytes } from '../output/createProgress.js';
import type { ColumnPlan } from '../table/columnKind.js';

/**
 * Most rows `--select mclust` takes: its hierarchical initialisation runs on all rows with
 * n(n − 1)/2 pair costs and about n³ work (measured on our 2-core machine: 4.3 s of CPU at
 * 2,000 rows, 19.5 s at 4,000), so 10,000 rows already take minutes. R's mclust agglomerates a
 * random subset of 2,000 rows instead.
 */
export const MCLUST_MAX_ROWS = 10_000;

/**
 * Refuses, after the profiling pass and before the data is loaded, columns an algorithm cannot
 * model: every algorithm but EM over a grid needs numeric columns, and the Gaussian-only ones
 * (variational, mclust's selection) need Gaussian columns.
 */
export function checkColumns(settings: FitSettings, columns: readonly ColumnPlan[]): void {
  const { method } = settings;
  const algo = `--algo ${method.algorithm}`;
  if (method.algorithm === 'em' && method.select === 'grid') return;
  const gaussianOnly = method.algorithm === 'bayes' || method.algorithm === 'em';
  const what = method.algorithm === 'em' ? '--select mclust' : algo;
  const bad = columns.find((column) =>
    gaussianOnly ? column.kind !== 'gaussian' : column.kind === 'categorical',
  );
  if (bad === undefined) return;
  if (gaussianOnly) {
    throw new CliError(
      `${settings.data}: ${what} fits Gaussian mixtures, but "${bad.name}" is ${bad.kind} (leave it out with --ignore, or use --algo em for mixed types)`,
    );
  }
  throw new CliError(
    `${settings.data}: ${algo} needs numeric columns, but "${bad.name}" is categorical (leave it out with --ignore, or use --algo em)`,
  );
}

/**
 * Refuses missing cells (kept by `--missing marginalize`) for what cannot marginalise them:
 * only EM over a grid runs the families' missing-cell treatments; k-means, the variational
 * mixture, mclust's selection and the distance-based algorithms need complete rows.
 */
export function checkMissingCells(settings: FitSettings, missing: readonly number[]): void {
  const { method } = settings;
  if (method.algorithm === 'em' && method.select === 'grid') return;
  const count = missing.reduce((sum, cells) => sum + cells, 0);
  if (count === 0) return;
  const what = method.algorithm === 'em' ? '--select mclust' : `--algo ${method.algorithm}`;
  throw new CliError(
    `${settings.data}: ${count} missing ${count === 1 ? 'cell' : 'cells'}; ${what} cannot fit missing cells (--missing marginalize works with --algo em over a grid): use --algo em, or fill them in or drop those rows`,
  );
}

/**
 * Refuses, once the row count is known and before any work, what cannot run in the memory
 * allowed or in reasonable time: more components or `--min-pts` than rows, mclust's selection
 * above `MCLUST_MAX_ROWS` rows or with its pair costs over `--memory-limit`, and complete or
 * average linkage with their n(n − 1)/2 distances over `--memory-limit` (Ward then works on
 * centroids instead, and single linkage needs no matrix).
 */
export function checkRows(settings: FitSettings, rows: number): void {
  const { method } = settings;
  const tooMany = settings.k.find((k) => k > rows);
  if (tooMany !== undefined) {
    // mclust's grid is 1..9 unless --k says otherwise: say so, the user may not have typed it.
    const mclust =
      method.algorithm === 'em' && method.select === 'mclust'
        ? `; --select mclust tries k = 1..9 unless given --k (here at most --k 1..${rows})`
        : '';
    throw new CliError(
      `--k ${tooMany}: more components than the ${rows} rows of ${settings.data}${mclust}`,
    );
  }
  if ('minPts' in method && method.minPts > rows) {
    throw new CliError(
      `--min-pts ${method.minPts}: more than the ${rows} rows of ${settings.data}`,
    );
  }
  const pairBytes = ((rows * (rows - 1)) / 2) * 8;
  const overLimit = pairBytes > settings.memoryLimit;
  if (method.algorithm === 'em' && method.select === 'mclust') {
    if (rows > MCLUST_MAX_ROWS || overLimit) {
      throw new CliError(
        `${settings.data}: ${rows.toLocaleString('en-US')} rows; --select mclust runs mclust's hierarchical initialisation on all rows (n(n − 1)/2 pair costs: ${formatBytes(pairBytes)}, and about n³ work), so it takes at most ${MCLUST_MAX_ROWS.toLocaleString('en-US')} rows within --memory-limit ${formatBytes(settings.memoryLimit)} (R's mclust agglomerates 2,000 sampled rows); fit the same models with --covariance <models> --k <range> (k-means starts) instead`,
      );
    }
  }
  if (
    method.algorithm === 'agglomerative' &&
    (method.linkage === 'complete' || method.linkage === 'average') &&
    overLimit
  ) {
    throw new CliError(
      `--linkage ${method.linkage}: needs the n(n − 1)/2 distances between the ${rows.toLocaleString('en-US')} rows (${formatBytes(pairBytes)}), over --memory-limit ${formatBytes(settings.memoryLimit)}; use --linkage ward or single (no distance matrix), or raise --memory-limit`,
    );
  }
}
