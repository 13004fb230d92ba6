import { formatTable, type JsonValue } from '@mixkit/core';
import { familyBlocks } from '../model/familyBlocks.js';
import type { FitReport } from './fitReport.js';
import { formatDetails } from './formatDetails.js';
import { formatNumber } from './formatNumber.js';
import { type ParameterRow, parameterRows } from './parameterRows.js';
import { splitBlockParams } from './splitBlockParams.js';

/** Most components or clusters the text table shows (all of them are in `--json`). */
const MAX_TABLE_COMPONENTS = 16;

/** What each selection criterion is, with its sign: all three are lower-is-better. */
const criterionFormulas = {
  bic: 'BIC = −2·loglik + npar·log(n)',
  aic: 'AIC = −2·loglik + 2·npar',
  icl: 'ICL = BIC + 2·entropy',
} as const;

/** The human-readable summary of a fit (what `mixkit fit` prints without `--json`). */
export function formatFitReport(report: FitReport): string {
  const out: string[] = [];
  const mixture = report.algorithm === 'em' || report.algorithm === 'bayes';
  const kinds = new Map<string, string[]>();
  for (const column of report.columns) {
    // Only mixtures model columns by families: for the others every column is a coordinate.
    const key = mixture ? `${column.kind}${column.inferred ? ' (inferred)' : ''}` : 'coordinates';
    kinds.set(key, [...(kinds.get(key) ?? []), column.name]);
  }
  out.push(
    `mixkit fit ${report.data}: ${report.rows} rows, ${report.columns.length} columns modelled`,
  );
  if (report.encoding !== 'utf-8') out.push(`  read as ${report.encoding.toUpperCase()} text`);
  if (report.missingCells > 0) {
    const share = (100 * report.missingCells) / (report.rows * report.columns.length);
    out.push(
      `  ${report.missingCells} missing cells (${formatNumber(share, 3)}% of the modelled cells), marginalised out (--missing marginalize)`,
    );
  }
  if (report.storage === 'out-of-core') {
    out.push('  fitted out of core: streamed EM, one pass over the rows per iteration');
  }
  for (const [kind, names] of kinds) out.push(`  ${kind}: ${names.join(', ')}`);
  out.push('');

  if (report.selection) {
    const { criterion, rows } = report.selection;
    const name = criterion.toUpperCase();
    out.push(`Model selection by ${criterionFormulas[criterion]} (lower is better; * = chosen):`);
    const hasCovariance = rows.some((row) => row.covariance !== null);
    const header = ['k', ...(hasCovariance ? ['covariance'] : []), 'log-lik', 'params', name];
    const cells = rows.map((row) => [
      String(row.k),
      ...(hasCovariance ? [row.covariance ?? ''] : []),
      row.logLikelihood.toFixed(1),
      String(row.nParameters),
      row.score.toFixed(1),
    ]);
    out.push(
      indent(formatTable(header, cells, { marks: rows.map((row) => (row.chosen ? '*' : '')) })),
    );
    out.push('');
  }

  const details = formatDetails(report);
  out.push(...details.before);
  out.push(...details.headline);
  if (report.iterations !== null) {
    out.push(
      `  ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'}`,
    );
  }
  out.push('');
  if (report.components.length > 0) {
    out.push(indent(formatComponents(report, mixture)));
    if (report.components.length > MAX_TABLE_COMPONENTS) {
      out.push(
        `  (${report.components.length - MAX_TABLE_COMPONENTS} more ${mixture ? 'components' : 'clusters'} not shown; --json lists them all)`,
      );
    }
    out.push('');
  }
  out.push(...details.after);
  if (report.agreement) {
    out.push(
      `Agreement with "${report.agreement.labelColumn}": adjusted Rand index ${formatNumber(report.agreement.ari, 3)}`,
    );
  }
  out.push(
    report.warnings.length === 0
      ? 'Warnings: none'
      : `Warnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}`,
  );
  out.push(`Wrote ${report.outputs.labels} and ${report.outputs.model}`);
  return `${out.join('\n')}\n`;
}

function formatComponents(report: FitReport, mixture: boolean): string {
  const components = report.components.slice(0, MAX_TABLE_COMPONENTS);
  const header = [mixture ? 'component' : 'cluster', ...components.map((_, c) => String(c))];
  const rows: ParameterRow[] = [];
  if (mixture) {
    rows.push({ label: 'weight', cells: components.map((c) => formatNumber(c.weight, 3)) });
  }
  rows.push({ label: 'rows', cells: components.map((c) => String(c.size)) });
  if (!mixture) {
    // k-means gives centers; the other clusterers the mean row of each cluster.
    const what = report.algorithm === 'kmeans' ? 'center' : 'mean';
    report.columns.forEach((column, j) => {
      rows.push({
        label: `${column.name} ${what}`,
        cells: components.map((c) => formatNumber(coordinate(c.params, j), 4)),
      });
    });
  } else {
    const blocks = familyBlocks(report.columns.map((c, i) => ({ ...c, sourceIndex: i })));
    const perBlock = components.map((c) => splitBlockParams(c.params, blocks.length));
    blocks.forEach((block, b) => {
      const names = block.columns.map((c) => c.name);
      const levels = block.columns.map((c) => c.levels ?? []);
      rows.push(
        ...parameterRows(
          perBlock.map((parts) => parts[b] ?? null),
          { names, levels },
        ),
      );
    });
  }
  return formatTable(
    header,
    rows.map((row) => [row.label, ...row.cells]),
  );
}

/** Coordinate j of a center or mean row (NaN when absent). */
function coordinate(params: JsonValue, j: number): number {
  const value = Array.isArray(params) ? (params as readonly JsonValue[])[j] : undefined;
  return typeof value === 'number' ? value : Number.NaN;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
