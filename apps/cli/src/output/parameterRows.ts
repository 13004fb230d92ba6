import type { JsonValue } from '@mixkit/core';
import { formatNumber } from './formatNumber.js';

/** Columns of one family block, as the parameter table labels them. */
export interface BlockColumns {
  readonly names: readonly string[];
  /** Level names per column, for categorical blocks. */
  readonly levels?: readonly (readonly string[])[];
}

/** A row of the parameter table: a label and one cell per component. */
export interface ParameterRow {
  readonly label: string;
  readonly cells: readonly string[];
}

type JsonObject = { readonly [key: string]: JsonValue };

const maxRowsPerBlock = 12;

/**
 * Table rows for one block's parameters across components, read from each component's JSON
 * parameters (`paramsToJSON`), so the CLI depends only on the families' public JSON forms:
 * Gaussians (mclust's models too) as mean ± sd per column, Student t as location ± scale per column and ν, von
 * Mises-Fisher as the mean direction and κ, Poisson rates, Bernoulli P(x=1), categorical level
 * probabilities, multinomial category probabilities (the most probable categories when there
 * are many). Unknown kinds are shown as compact JSON.
 */
export function parameterRows(params: readonly JsonValue[], block: BlockColumns): ParameterRow[] {
  const objects = params.map((p) =>
    p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as JsonObject) : {},
  );
  const kind = objects[0]?.['kind'];
  // mclust's fourteen models write their covariance as gaussian-full does.
  const family =
    typeof kind === 'string' && /^gaussian-[EV][EVI][EVI]$/.test(kind) ? 'gaussian-full' : kind;
  const per = (read: (o: JsonObject, j: number) => string) =>
    block.names.map((name, j) => ({ label: name, cells: objects.map((o) => read(o, j)) }));
  switch (family) {
    case 'gaussian-full':
    case 'gaussian-tied':
      return per((o, j) =>
        meanSd(numberAt(o['mean'], j), numberAt(arrayAt(o['covariance'], j), j)),
      );
    case 'gaussian-diag':
      return per((o, j) => meanSd(numberAt(o['mean'], j), numberAt(o['variances'], j)));
    case 'gaussian-spherical':
      return per((o, j) => meanSd(numberAt(o['mean'], j), asNumber(o['variance'])));
    case 'student-t-full':
      return [
        ...per((o, j) => meanSd(numberAt(o['location'], j), numberAt(arrayAt(o['scale'], j), j))),
        dofRow(objects),
      ];
    case 'student-t-diag':
      return [
        ...per((o, j) => meanSd(numberAt(o['location'], j), numberAt(o['scales'], j))),
        dofRow(objects),
      ];
    case 'von-mises-fisher':
      return [
        ...per((o, j) => formatNumber(numberAt(o['mean'], j), 3)).map(tagged('(mean direction)')),
        {
          label: 'concentration κ',
          cells: objects.map((o) => formatNumber(asNumber(o['concentration']), 4)),
        },
      ];
    case 'poisson':
      return per((o, j) => formatNumber(numberAt(o['rates'], j), 4)).map(tagged('(Poisson rate)'));
    case 'bernoulli':
      return per((o, j) => probability(numberAt(o['probabilities'], j))).map(tagged('(P of 1)'));
    case 'categorical':
      return categoricalRows(objects, block);
    case 'multinomial':
      return multinomialRows(objects, block);
    default:
      return [
        {
          label: `${block.names.join(', ')} (${String(kind)})`,
          cells: objects.map((o) => JSON.stringify(o).slice(0, 40)),
        },
      ];
  }
}

function categoricalRows(objects: readonly JsonObject[], block: BlockColumns): ParameterRow[] {
  const rows: ParameterRow[] = [];
  block.names.forEach((name, j) => {
    const levels = block.levels?.[j] ?? [];
    const shown = levels.slice(0, 6);
    shown.forEach((level, code) => {
      rows.push({
        label: `${name} = ${level}`,
        cells: objects.map((o) => probability(numberAt(arrayAt(o['probabilities'], j), code))),
      });
    });
    if (levels.length > shown.length) {
      rows.push({
        label: `${name} (${levels.length - shown.length} more levels)`,
        cells: objects.map(() => ''),
      });
    }
  });
  return rows;
}

function multinomialRows(objects: readonly JsonObject[], block: BlockColumns): ParameterRow[] {
  const order = block.names.map((_, j) => j);
  if (order.length > maxRowsPerBlock) {
    // The categories that matter most somewhere: highest probability in any component.
    const peak = (j: number) => Math.max(...objects.map((o) => numberAt(o['probabilities'], j)));
    order.sort((a, b) => peak(b) - peak(a));
  }
  const rows = order.slice(0, maxRowsPerBlock).map((j) => ({
    label: `${block.names[j]} (share)`,
    cells: objects.map((o) => probability(numberAt(o['probabilities'], j))),
  }));
  if (order.length > maxRowsPerBlock) {
    rows.push({
      label: `(${order.length - maxRowsPerBlock} more count columns)`,
      cells: objects.map(() => ''),
    });
  }
  return rows;
}

/** The Student t's degrees of freedom ν, one per component (large ν: close to Gaussian). */
function dofRow(objects: readonly JsonObject[]): ParameterRow {
  return {
    label: 'degrees of freedom ν',
    cells: objects.map((o) => formatNumber(asNumber(o['dof']), 3)),
  };
}

const tagged =
  (tag: string) =>
  (row: ParameterRow): ParameterRow => ({ label: `${row.label} ${tag}`, cells: row.cells });

/** Probabilities with three decimals, so columns of them line up and 1e-10 reads as 0.000. */
function probability(p: number): string {
  return p.toFixed(3);
}

function meanSd(mean: number, variance: number): string {
  return `${formatNumber(mean, 4)} ± ${formatNumber(Math.sqrt(variance), 3)}`;
}

function asNumber(value: JsonValue | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}

function arrayAt(value: JsonValue | undefined, index: number): JsonValue | undefined {
  return Array.isArray(value) ? (value as readonly JsonValue[])[index] : undefined;
}

function numberAt(value: JsonValue | undefined, index: number): number {
  return asNumber(arrayAt(value, index));
}
