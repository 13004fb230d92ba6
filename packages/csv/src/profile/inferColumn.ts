import { TableError } from '../tableError.js';
import type { CellSighting, ColumnProfile } from './columnProfile.js';

/** Why a column's type could not be told from its cells. */
export type UnclearCause = 'decimal-comma' | 'stray-text' | 'too-many-levels';

/** What a column's cells say it is. */
export type ColumnInference = NumericColumn | LevelsColumn | UnclearColumn;

/** Every present cell is a number (missing cells aside). */
export interface NumericColumn {
  /** The column holds numbers. */
  readonly type: 'numeric';
}

/** Mostly text: unordered levels. */
export interface LevelsColumn {
  /** The column holds unordered levels. */
  readonly type: 'levels';
  /** The distinct values, sorted (numerically when all are numbers). */
  readonly levels: readonly string[];
}

/**
 * Neither, safely: numbers with decimal commas, a numeric column with a few text cells, or more
 * distinct values than a categorical column should have. An app adds what to do in its own
 * terms (an option, a setting).
 */
export interface UnclearColumn {
  /** The column's type cannot be told safely. */
  readonly type: 'unclear';
  /** Why not. */
  readonly cause: UnclearCause;
  /** What was found and where (the first such cell, and how many there are). */
  readonly error: TableError;
}

/**
 * The type of a column from its profile, never guessing on thin evidence:
 * - no text cells (missing cells aside): numeric;
 * - text cells that are numbers with a decimal comma, making up with the numbers at least half
 *   of the present cells: unclear (`decimal-comma`), never text;
 * - at least half of the present cells numbers, the rest text (`?`, `n/a`, a typo): unclear
 *   (`stray-text`), never text: a numeric column must not become categorical because of a few
 *   cells;
 * - otherwise levels, unless there are more distinct values than the profile keeps
 *   (`too-many-levels`).
 */
export function inferColumn(profile: ColumnProfile, source: string): ColumnInference {
  const { numbers, text, decimalComma } = profile;
  if (text.count === 0) return { type: 'numeric' };
  const present = profile.present;
  if (decimalComma.count > 0 && 2 * (numbers.count + decimalComma.count) >= present) {
    return {
      type: 'unclear',
      cause: 'decimal-comma',
      error: numericCellError(profile, source) as TableError,
    };
  }
  if (2 * numbers.count >= present) {
    const first = text.first as CellSighting;
    return {
      type: 'unclear',
      cause: 'stray-text',
      error: cellError(
        profile,
        source,
        first,
        `"${first.value}" is not a number, though ${numbers.count} of the column's ${present} values are (${countOf(text.count, 'text cell')})`,
      ),
    };
  }
  const levels = profile.levels();
  if (levels === undefined) {
    return {
      type: 'unclear',
      cause: 'too-many-levels',
      error: new TableError(
        { source, column: profile.index, columnName: profile.name },
        `more than ${countOf(profile.passedLimit.count, `distinct ${profile.passedLimit.of === 'numbers' ? 'number' : 'value'}`)}: too many levels for a categorical column`,
      ),
    };
  }
  return { type: 'levels', levels };
}

/**
 * The error for a column that must be numeric (its type was given) but has text cells: the
 * first one, located, with how many there are; undefined when every present cell is a number.
 * Numbers with a decimal comma are named as such.
 */
export function numericCellError(profile: ColumnProfile, source: string): TableError | undefined {
  const { text, decimalComma } = profile;
  if (text.count === 0) return undefined;
  if (decimalComma.count > 0) {
    const first = decimalComma.first as CellSighting;
    const others = text.count - decimalComma.count;
    return cellError(
      profile,
      source,
      first,
      `"${first.value}" has a decimal comma (${countOf(decimalComma.count, 'cell')} of the column ${decimalComma.count === 1 ? 'does' : 'do'}${others > 0 ? `, and ${countOf(others, 'other text cell')}` : ''})`,
    );
  }
  const first = text.first as CellSighting;
  return cellError(
    profile,
    source,
    first,
    `"${first.value}" is not a number${text.count > 1 ? ` (and ${countOf(text.count - 1, 'more text cell')})` : ''}`,
  );
}

function cellError(
  profile: ColumnProfile,
  source: string,
  at: CellSighting,
  reason: string,
): TableError {
  return new TableError(
    {
      source,
      row: at.row,
      line: at.line,
      column: profile.index,
      columnName: profile.name,
      value: at.value,
    },
    reason,
  );
}

/** `1 cell`, `3 cells`, `1,234 cells`. */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The error for missing cells in `profiles` (those that must have none), or undefined when there
 * are none: the total, then each column with missing cells, its count and its first such cell,
 * e.g. `data.csv: 3 missing cells (empty or "NA") in 2 columns: "x" (#1) 2, first at row 4
 * (line 5); "y" (#3) 1, at row 9 (line 10)`. `tokens` are the missing-value tokens in use.
 */
export function missingCellsError(
  profiles: readonly ColumnProfile[],
  source: string,
  tokens: readonly string[],
): TableError | undefined {
  const affected = profiles.filter((profile) => profile.missing.count > 0);
  if (affected.length === 0) return undefined;
  const total = affected.reduce((sum, profile) => sum + profile.missing.count, 0);
  const named = tokens.map((token) => (token === '' ? 'empty' : `"${token}"`)).join(' or ');
  const shown = affected.slice(0, 5).map((profile) => {
    const { count, first } = profile.missing;
    const at = first === undefined ? '' : `row ${first.row} (line ${first.line})`;
    return `"${profile.name}" (#${profile.index + 1}) ${count.toLocaleString('en-US')}, ${count === 1 ? 'at' : 'first at'} ${at}`;
  });
  const more =
    affected.length > shown.length ? `; and ${affected.length - shown.length} more columns` : '';
  return new TableError(
    { source },
    `${countOf(total, 'missing cell')} (${named}) in ${countOf(affected.length, 'column')}: ${shown.join('; ')}${more}`,
  );
}
