import { formatTable } from '@mixkit/core';
import { familyBlocks } from '../model/familyBlocks.js';
import type { FitReport } from './fitReport.js';
import { formatNumber } from './formatNumber.js';
import { type ParameterRow, parameterRows } from './parameterRows.js';
import { splitBlockParams } from './splitBlockParams.js';

/** The human-readable summary of a fit (what `mixkit fit` prints without `--json`). */
export function formatFitReport(report: FitReport): string {
  const out: string[] = [];
  const kinds = new Map<string, string[]>();
  for (const column of report.columns) {
    // k-means uses no families: every column is just a coordinate.
    const key =
      report.algorithm === 'kmeans'
        ? 'coordinates'
        : `${column.kind}${column.inferred ? ' (inferred)' : ''}`;
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
    out.push('  fitted out of core: streamed EM, one pass over the file per iteration');
  }
  for (const [kind, names] of kinds) out.push(`  ${kind}: ${names.join(', ')}`);
  out.push('');

  if (report.selection) {
    const { criterion, rows } = report.selection;
    const name = criterion.toUpperCase();
    out.push(`Model selection by ${name} (lower is better; * = chosen):`);
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

  if (report.algorithm === 'kmeans') {
    out.push(`k-means with k = ${report.k}: inertia ${(report.inertia ?? Number.NaN).toFixed(2)}`);
  } else {
    // The family names carry the covariance type (gaussian-full, gaussian-diag, ...).
    out.push(`Mixture of ${report.k} components, each ${report.families.join(' x ')}`);
    const fixed = (value: number | null) => (value ?? Number.NaN).toFixed(1);
    out.push(
      `  log-likelihood ${fixed(report.logLikelihood)}   BIC ${fixed(report.bic)}   AIC ${fixed(report.aic)}   ICL ${fixed(report.icl)}   parameters ${report.nParameters}`,
    );
  }
  out.push(
    `  ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'}`,
  );
  out.push('');
  out.push(indent(formatComponents(report)));
  out.push('');
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

function formatComponents(report: FitReport): string {
  const { components } = report;
  const header = ['component', ...components.map((_, c) => String(c))];
  const rows: ParameterRow[] = [];
  if (report.algorithm === 'em') {
    rows.push({ label: 'weight', cells: components.map((c) => formatNumber(c.weight, 3)) });
  }
  rows.push({ label: 'rows', cells: components.map((c) => String(c.size)) });
  if (report.algorithm === 'kmeans') {
    report.columns.forEach((column, j) => {
      rows.push({
        label: `${column.name} center`,
        cells: components.map((c) => formatNumber((c.params as number[])[j] ?? Number.NaN, 4)),
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

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
