import {
  type AnyComponentFamily,
  DegenerateComponentError,
  type Matrix,
  rowsElsewhereError,
} from '@mixkit/core';
import type { WorstRows } from '../estep/worstRows.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import { wholeDataStats } from '../workspace/wholeDataStats.js';

/** Picks the worst-explained row of positive weight not in `usedRows`; -1 when none is left. */
export type ReseedRows = (usedRows: ReadonlySet<number>) => number;

/** Share of the whole data's statistics mixed into a re-seeded component (relative to its row). */
export const globalShare = 0.1;

/**
 * Statistics for re-seeding component `c` without any knowledge of its family: the worst
 * explained row (`worstRow`: lowest mixture log-likelihood, positive weight, not in
 * `usedRows`), with the weight of an average row, merged with a copy of the whole data's
 * statistics scaled to `globalShare` of that weight (`family.merge`/`family.scale`), so the
 * estimate is proper (a spread like the data's) but centred on the poorly explained row.
 * Returns `undefined` when no row is left. The chosen row is added to `usedRows`.
 */
export function reseedStats(
  workspace: EmWorkspace,
  family: AnyComponentFamily,
  worstRow: ReseedRows,
  usedRows: Set<number>,
): unknown {
  const row = worstRow(usedRows);
  if (row < 0) return undefined;
  usedRows.add(row);
  const rowWeight = workspace.totalWeight / workspace.positiveRows;
  const { X, at } = rowValues(workspace, row);
  // A fresh weight per re-seed (rare): a family's accumulate gets a buffer no other fit shares.
  const unitWeight = new Float64Array([1]);
  let stats = family.accumulate(family.createStats(X.cols), X, at, at + 1, unitWeight, 0, 1);
  stats = family.scale(stats, rowWeight);
  return family.merge(stats, scaledGlobalStats(workspace, family, globalShare * rowWeight));
}

/**
 * Where row `row`'s values are: the data itself, or, when the rows live with the executor's
 * workers, the values the last pass sent along with its worst rows (`WorstRows.values`), among
 * which every row `worstOfPass` picks is.
 */
function rowValues(
  workspace: EmWorkspace,
  row: number,
): { readonly X: Matrix; readonly at: number } {
  if (workspace.remote === undefined) return { X: workspace.initX, at: row };
  const worst = workspace.worst;
  const at = worst === undefined ? -1 : worst.rows.indexOf(row);
  if (worst?.values === undefined || at < 0) {
    throw rowsElsewhereError(
      'init',
      undefined,
      "re-seeding before the first pass reads every row; use 'random-from-data' with a larger regCovar, or initial parameters",
    );
  }
  return { X: { rows: worst.rows.length, cols: workspace.d, data: worst.values }, at };
}

/** A fresh copy of the whole data's statistics for `family`, scaled to total weight `weight`. */
export function scaledGlobalStats(
  workspace: EmWorkspace,
  family: AnyComponentFamily,
  weight: number,
): unknown {
  const { initX: X, k, d, sampleWeight, totalWeight, globalStats, blockSize } = workspace;
  let global = globalStats.get(family);
  if (global === undefined) {
    // Shard by shard, as a fit whose rows live elsewhere gets them from its workers.
    global = wholeDataStats(family, X, sampleWeight, blockSize, k);
    globalStats.set(family, global);
  }
  const copy = family.merge(family.createStats(d), global);
  return family.scale(copy, weight / totalWeight);
}

/**
 * The rows a pass ranked worst (`workspace.worst` after the pass's merge), in their order:
 * exactly the rows a scan over every row's score would pick, one by one.
 */
export function worstOfPass(worst: WorstRows): ReseedRows {
  return (usedRows) => {
    for (const row of worst.rows) if (!usedRows.has(row)) return row;
    return -1;
  };
}

/**
 * Re-seeding before any parameters exist (initialisation): rows rank by their log-density
 * under `family` fitted to the whole data (`globalRowScores`), so outliers of the data come
 * first. Reads every row: the fit's thread holds them at initialisation.
 */
export function worstOfWholeData(workspace: EmWorkspace, family: AnyComponentFamily): ReseedRows {
  return (usedRows) => worstRow(workspace, globalRowScores(workspace, family), usedRows);
}

/**
 * Row scores for re-seeding before any parameters exist (initialisation): each row's
 * log-density under `family` fitted to the whole data. Rows then rank as outliers of the
 * data. When even that estimate is degenerate every score is 0 (rows rank in order).
 */
export function globalRowScores(workspace: EmWorkspace, family: AnyComponentFamily): Float64Array {
  if (workspace.remote !== undefined) {
    throw rowsElsewhereError(
      'init',
      undefined,
      "re-seeding a component at initialisation ranks every row; use 'random-from-data' with a larger regCovar, or initial parameters",
    );
  }
  const scores = workspace.rowScores;
  try {
    const params = family.estimate(scaledGlobalStats(workspace, family, workspace.totalWeight));
    family.logDensity(params, workspace.X, 0, workspace.n, scores, 0, 1);
  } catch (error) {
    if (!DegenerateComponentError.isInstance(error)) throw error;
    scores.fill(0);
  }
  return scores;
}

function worstRow(
  workspace: EmWorkspace,
  scores: Float64Array,
  usedRows: ReadonlySet<number>,
): number {
  const { n, sampleWeight } = workspace;
  let best = -1;
  let bestScore = Infinity;
  for (let i = 0; i < n; i++) {
    if (sampleWeight !== undefined && !(sampleWeight[i] > 0)) continue;
    if (usedRows.has(i)) continue;
    const score = scores[i];
    if (best < 0 || score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
