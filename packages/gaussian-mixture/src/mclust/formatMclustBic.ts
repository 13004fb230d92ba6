import type { GaussianModelName } from '@mixkit/distributions';
import type { MclustCandidate } from './mclustCandidate.js';

/** R's console width, at which a wide matrix is printed in blocks of columns. */
const WIDTH = 80;

/**
 * The BIC table as R prints an `mclustBIC` object (`print.mclustBIC`): G down, models across, NA
 * where a model was singular, columns formatted as R formats them (7 significant digits, one
 * number of decimals per column), wrapped at 80 characters, then the three best cells.
 */
export function formatMclustBic(
  candidates: readonly MclustCandidate[],
  nClusters: readonly number[],
  modelNames: readonly GaussianModelName[],
): string {
  const bicOf = new Map(candidates.map((c) => [`${c.modelName},${c.nClusters}`, c.bic]));
  const columns = modelNames.map((name) => ({
    header: name,
    values: nClusters.map((G) => bicOf.get(`${name},${G}`)),
  }));
  const lines = [
    'Bayesian Information Criterion (BIC): ',
    ...formatMatrix(nClusters.map(String), columns),
    '',
    'Top 3 models based on the BIC criterion: ',
    ...formatNamedVector(topCandidates(candidates, 3)),
  ];
  return `${lines.join('\n')}\n`;
}

/** The three best cells with their BIC and difference to the best, as `summary(mclustBIC)`. */
export function summarizeMclustBic(candidates: readonly MclustCandidate[]): string {
  const top = topCandidates(candidates, 3);
  const best = top[0]?.value ?? 0;
  const columns = top.map(({ name, value }) => ({ header: name, values: [value, value - best] }));
  return `${['Best BIC values:', ...formatMatrix(['BIC', 'BIC diff'], columns)].join('\n')}\n`;
}

/** mclust's `pickBIC`: the best `count` cells, decreasing, ties in column-major table order. */
function topCandidates(candidates: readonly MclustCandidate[], count: number) {
  const models: string[] = [];
  for (const c of candidates) if (!models.includes(c.modelName)) models.push(c.modelName);
  return candidates
    .filter((c): c is MclustCandidate & { bic: number } => c.bic !== undefined)
    .map((c, index) => ({ c, index }))
    .sort(
      (a, b) =>
        b.c.bic - a.c.bic ||
        models.indexOf(a.c.modelName) - models.indexOf(b.c.modelName) ||
        a.c.nClusters - b.c.nClusters ||
        a.index - b.index,
    )
    .slice(0, count)
    .map(({ c }) => ({ name: `${c.modelName},${c.nClusters}`, value: c.bic }));
}

/** A matrix as R's `print` lays it out: left-aligned row names, right-aligned columns. */
function formatMatrix(
  rowNames: readonly string[],
  columns: readonly { header: string; values: readonly (number | undefined)[] }[],
): string[] {
  const nameWidth = Math.max(...rowNames.map((name) => name.length));
  const formatted = columns.map(({ header, values }) => {
    const cells = formatNumbers(values);
    const width = Math.max(header.length, ...cells.map((cell) => cell.length));
    return { header: header.padStart(width), cells: cells.map((cell) => cell.padStart(width)) };
  });
  const lines: string[] = [];
  for (let start = 0; start < formatted.length; ) {
    let end = start;
    let width = nameWidth;
    while (
      end < formatted.length &&
      (end === start || width + 1 + formatted[end].header.length <= WIDTH)
    ) {
      width += 1 + formatted[end].header.length;
      end++;
    }
    const block = formatted.slice(start, end);
    lines.push(`${' '.repeat(nameWidth)} ${block.map((column) => column.header).join(' ')}`);
    rowNames.forEach((name, r) => {
      lines.push(`${name.padEnd(nameWidth)} ${block.map((column) => column.cells[r]).join(' ')}`);
    });
    start = end;
  }
  return lines;
}

/** A named vector as R prints it: names over values, each padded to the wider, space after each. */
function formatNamedVector(entries: readonly { name: string; value: number }[]): string[] {
  const cells = formatNumbers(entries.map((entry) => entry.value));
  const widths = entries.map((entry, i) => Math.max(entry.name.length, cells[i].length));
  return [
    entries.map((entry, i) => `${entry.name.padStart(widths[i])} `).join(''),
    cells.map((cell, i) => `${cell.padStart(widths[i])} `).join(''),
  ];
}

/**
 * Numbers formatted together as R's `formatReal` with 7 digits does: each needs the fewest
 * significant digits (at most 7) that show it as 7 would, and all get the largest number of
 * decimals any of them needs. `undefined` prints as NA.
 */
function formatNumbers(values: readonly (number | undefined)[]): string[] {
  let decimals = 0;
  for (const value of values) {
    if (value === undefined || value === 0) continue;
    const rounded = Number(value.toPrecision(7));
    let significant = 7;
    while (significant > 1 && Number(value.toPrecision(significant - 1)) === rounded) significant--;
    const exponent = Number(rounded.toExponential().split('e')[1]);
    decimals = Math.max(decimals, significant - exponent - 1);
  }
  return values.map((value) => (value === undefined ? 'NA' : value.toFixed(decimals)));
}
