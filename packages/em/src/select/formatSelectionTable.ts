import { formatTable } from '@mixkit/core';
import type { MixtureSelection, SelectionRow } from './selectionTypes.js';

const headers = ['', 'name', 'k', 'log-lik', 'params', 'BIC', 'AIC', 'ICL', 'converged'] as const;

/**
 * The selection table as aligned plain text, one line per candidate, the best marked `*` and a
 * last line naming the criterion and the pick, e.g.
 * ```
 *    name  k   log-lik  params      BIC      AIC      ICL  converged
 * *  tied  3  -1126.99      11  2315.65  2275.98  2386.43  yes
 * lowest BIC (*): tied with k = 3
 * ```
 * `digits` (default 2) sets the decimals of the numeric columns.
 */
export function formatSelectionTable(selection: MixtureSelection, digits = 2): string {
  const number = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(digits));
  const cells = selection.table.map((row: SelectionRow, i) => [
    i === selection.bestIndex ? '*' : '',
    row.name,
    String(row.nClusters),
    number(row.logLikelihood),
    Number.isNaN(row.nParameters) ? '-' : String(row.nParameters),
    number(row.bic),
    number(row.aic),
    number(row.icl),
    row.failure === undefined ? (row.converged ? 'yes' : 'no') : `failed: ${row.failure}`,
  ]);
  const best = selection.best;
  const footer = `lowest ${selection.criterion.toUpperCase()} (*): ${best.name} with k = ${best.nClusters}`;
  // Text columns (name, converged) align left, numbers right.
  const align = headers.map((_, j) => (j === 1 || j === 8 ? 'left' : 'right'));
  return `${formatTable(headers, cells, { align })}\n${footer}`;
}
