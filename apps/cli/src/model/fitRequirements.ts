import { MCLUST_SUBSET_SIZE } from '@mixkit/gaussian-mixture';
import { CliError } from '../cliError.js';
import type { FitSettings } from '../options/fitSettings.js';
import { formatBytes } from '../output/createProgress.js';
import type { ColumnPlan } from '../table/columnKind.js';

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
 * with its agglomeration's pair costs over `--memory-limit`, and complete or
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
    // mclust agglomerates at most MCLUST_SUBSET_SIZE rows (drawn with --seed above that, as
    // R's Mclust() does), with its m(m − 1)/2 pair costs; EM then runs on all rows.
    const m = Math.min(rows, MCLUST_SUBSET_SIZE);
    const agglomerationBytes = ((m * (m - 1)) / 2) * 8;
    if (agglomerationBytes > settings.memoryLimit) {
      throw new CliError(
        `${settings.data}: --select mclust's hierarchical initialisation on ${m.toLocaleString('en-US')} rows needs ${formatBytes(agglomerationBytes)} of pair costs, over --memory-limit ${formatBytes(settings.memoryLimit)}; raise --memory-limit, or fit the same models with --covariance <models> --k <range> (k-means starts)`,
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
