import {
  type CellTally,
  type ColumnProfile,
  countOf,
  describeLocation,
  inferColumn,
  missingCellsError,
  numericCellError,
  type TableError,
} from '@mixkit/csv';
import { CliError } from '../cliError.js';
import type { CellSettings, MissingPolicy } from '../options/fitSettings.js';
import type { ColumnKind, ColumnPlan } from './columnKind.js';
import { columnKinds } from './columnKind.js';
import type { ColumnRoles } from './columnSelection.js';
import type { ProfiledTable } from './profileTable.js';

/** The modelled columns (in matrix order: one block per kind) and the label column, if any. */
export interface TablePlan {
  readonly columns: readonly ColumnPlan[];
  readonly labelIndex?: number;
  /** Missing cells per modelled column (same order as `columns`); NaN in the matrix. */
  readonly missing: readonly number[];
}

/**
 * Decides how every column is modelled, from the first pass's profile. Columns named in a type
 * option get that type; the others are inferred: numbers (missing cells aside) are `gaussian`,
 * text is `categorical`; a column that is mostly numbers but has decimal commas or a few text
 * cells is neither: that is an error saying where and what to do, never a silent categorical
 * column. Then every cell is checked against its column's type (integers for counts, 0/1 for
 * Bernoulli), and missing cells are refused (`--missing error`) with their count per column,
 * or, with `--missing marginalize`, kept (NaN) unless a column is wholly missing or of a kind
 * whose family cannot marginalise them (t, vmf, counts).
 * Every problem is a `CliError` naming the file, row, line and column.
 */
export function planColumns(
  table: ProfiledTable,
  roles: ColumnRoles,
  cells: CellSettings,
  policy: MissingPolicy = 'error',
): TablePlan {
  const { profile, file } = table;
  const source = file.path;
  const planned: ColumnPlan[] = [];
  const profiles: ColumnProfile[] = [];
  profile.header.forEach((_name, sourceIndex) => {
    if (sourceIndex === roles.label || roles.ignored.has(sourceIndex)) return;
    const column = profile.columns[sourceIndex] as ColumnProfile;
    const given = roles.explicit.get(sourceIndex);
    planned.push(
      given === undefined ? inferred(column, source, cells) : explicit(column, given, source),
    );
    profiles.push(column);
  });
  if (planned.length === 0) throw new CliError(`${source}: no columns left to model`);
  const missing = missingCellsError(profiles, source, cells.missing);
  if (missing !== undefined && policy === 'error') {
    throw new CliError(
      `${missing.message}; refused (--missing error): fit with them, marginalised out of the likelihood, with --missing marginalize, or fill them in, drop those rows, or leave the columns out with --ignore`,
    );
  }
  if (missing !== undefined) checkMarginalizable(planned, profiles, source, table.profile.rows);
  const order = planned.map((column, i) => ({ column, missing: profiles[i].missing.count }));
  const rank = (kind: ColumnKind) => columnKinds.indexOf(kind);
  order.sort(
    (a, b) =>
      rank(a.column.kind) - rank(b.column.kind) || a.column.sourceIndex - b.column.sourceIndex,
  );
  return {
    columns: order.map((entry) => entry.column),
    missing: order.map((entry) => entry.missing),
    ...(roles.label === undefined ? {} : { labelIndex: roles.label }),
  };
}

/** Kinds whose families have no missing-cell treatment (Student t, von Mises-Fisher, multinomial). */
const noMissingCells: ReadonlySet<ColumnKind> = new Set<ColumnKind>(['t', 'vmf', 'counts']);

/**
 * With `--missing marginalize`: a column whose every cell is missing cannot be fitted, and the
 * t, vmf and counts families cannot marginalise a missing cell; say which column, and what to do.
 */
function checkMarginalizable(
  planned: readonly ColumnPlan[],
  profiles: readonly ColumnProfile[],
  source: string,
  rows: number,
): void {
  planned.forEach((column, i) => {
    const count = profiles[i]?.missing.count ?? 0;
    if (count === 0) return;
    const where = `column "${column.name}" (#${column.sourceIndex + 1})`;
    if (count === rows) {
      throw new CliError(
        `${source}: ${where}: every cell is missing; leave it out with --ignore ${quote(column.name)}`,
      );
    }
    if (noMissingCells.has(column.kind)) {
      throw new CliError(
        `${source}: ${where}: ${count} missing cells in a --${column.kind} column, whose family cannot marginalise them (--missing marginalize works for gaussian, poisson, bernoulli and categorical columns); fill them in or drop those rows`,
      );
    }
  });
}

function inferred(column: ColumnProfile, source: string, cells: CellSettings): ColumnPlan {
  const { name, index } = column;
  const inference = inferColumn(column, source);
  switch (inference.type) {
    case 'numeric':
      return { name, sourceIndex: index, kind: 'gaussian', inferred: true };
    case 'levels':
      return {
        name,
        sourceIndex: index,
        kind: 'categorical',
        inferred: true,
        levels: inference.levels,
      };
    default: {
      const quoted = quote(name);
      const advice =
        inference.cause === 'decimal-comma'
          ? `read such numbers with --decimal comma, or keep the column as text with --categorical ${quoted}`
          : inference.cause === 'stray-text'
            ? `correct those cells, mark such values missing with --na ${quote(naList(cells, inference.error.location.value ?? ''))}, or model the column as levels with --categorical ${quoted}`
            : `leave it out with --ignore ${quoted}`;
      throw located(inference.error, advice);
    }
  }
}

function explicit(column: ColumnProfile, kind: ColumnKind, source: string): ColumnPlan {
  const { name, index } = column;
  if (kind !== 'categorical') {
    checkColumnValues(column, kind, source);
    return { name, sourceIndex: index, kind, inferred: false };
  }
  const levels = column.levels();
  if (levels === undefined) {
    throw new CliError(
      `${describeLocation({ source, column: index, columnName: name })}: more than ${countOf(column.passedLimit.count, `distinct ${column.passedLimit.of === 'numbers' ? 'number' : 'value'}`)}, too many levels for --categorical; leave it out with --ignore ${quote(name)}`,
    );
  }
  return { name, sourceIndex: index, kind, inferred: false, levels };
}

/**
 * Checks the cells of a numeric column against its kind, from its profile: numbers only (a
 * decimal comma named as such), non-negative integers for counts, 0/1 for Bernoulli. The
 * `CliError` names the first offending cell and counts the others.
 */
export function checkColumnValues(
  column: ColumnProfile,
  kind: Exclude<ColumnKind, 'categorical'>,
  source: string,
): void {
  const { name, index } = column;
  const notNumber = numericCellError(column, source);
  if (notNumber !== undefined) {
    throw located(
      notNumber,
      column.decimalComma.count > 0
        ? `--${kind} needs numbers: read them with --decimal comma`
        : kind === 'gaussian'
          ? 'use --categorical for a text column'
          : `--${kind} needs numbers`,
    );
  }
  // The first offending cell of the column; both tallies may count the same cell (-2.5).
  const check = (tallies: readonly CellTally[], reason: string) => {
    const sightings = tallies.flatMap((tally) => (tally.first === undefined ? [] : [tally.first]));
    if (sightings.length === 0) return;
    const at = sightings.reduce((a, b) => (b.row < a.row ? b : a));
    const count = Math.max(...tallies.map((tally) => tally.count));
    const more = count > 1 ? ` (and at least ${countOf(count - 1, 'more cell')})` : '';
    throw new CliError(
      `${describeLocation({ source, row: at.row, line: at.line, column: index, columnName: name })}: ${at.value} ${reason}${more}`,
    );
  };
  if (kind === 'poisson' || kind === 'counts') {
    check(
      [column.negative, column.fractional],
      `is not a non-negative integer count, as --${kind} requires`,
    );
  }
  if (kind === 'bernoulli') check([column.notBinary], 'is not 0 or 1, as --bernoulli requires');
}

/** The `--na` list that adds `value` to the missing-value tokens in use. */
function naList(cells: CellSettings, value: string): string {
  return [...cells.missing.filter((token) => token !== ''), value].join(',');
}

/** The message of a located `TableError`, with what to do appended. */
function located(error: TableError, advice: string): CliError {
  return new CliError(`${error.message}; ${advice}`);
}

/** A column name or value as a shell word: bare when safe, else in double quotes. */
export function quote(text: string): string {
  return /^[\w.,:/+-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}
