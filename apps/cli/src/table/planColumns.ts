import { parseNumber } from '@mixkit/csv';
import { CliError } from '../cliError.js';
import type { ColumnKind, ColumnPlan } from './columnKind.js';
import { columnKinds } from './columnKind.js';
import type { RawTable } from './readTable.js';
import { resolveColumn } from './resolveColumn.js';

/** Column choices from the command line; every list holds names or 1-based numbers. */
export interface ColumnSelection {
  readonly gaussian?: readonly string[];
  readonly poisson?: readonly string[];
  readonly bernoulli?: readonly string[];
  readonly counts?: readonly string[];
  readonly categorical?: readonly string[];
  /** Columns to leave out of the model. */
  readonly ignore?: readonly string[];
  /** Column of true classes, scored against with ARI and left out of the model. */
  readonly label?: string;
}

/** The modelled columns (in file order) and the label column, if any. */
export interface TablePlan {
  readonly columns: readonly ColumnPlan[];
  readonly labelIndex?: number;
}

/**
 * Decides how every column is modelled. Columns named in a type option get that type; the
 * others are inferred: all values numeric means `gaussian`, anything else `categorical`.
 * Whether the values fit the type is checked later, by `encodeTable`, cell by cell.
 */
export function planColumns(table: RawTable, selection: ColumnSelection): TablePlan {
  const { file, header } = table;
  const claimed = new Map<number, string>();
  const claim = (selector: string, option: string): number => {
    const index = resolveColumn(file, header, selector, option);
    const previous = claimed.get(index);
    if (previous !== undefined) {
      throw new CliError(
        `${file}: column "${header[index]}" is given to both ${previous} and ${option}`,
      );
    }
    claimed.set(index, option);
    return index;
  };

  const labelIndex = selection.label === undefined ? undefined : claim(selection.label, '--label');
  for (const selector of expandRanges(header, selection.ignore)) claim(selector, '--ignore');
  const explicit = new Map<number, ColumnKind>();
  for (const kind of columnKinds) {
    for (const selector of expandRanges(header, selection[kind])) {
      explicit.set(claim(selector, `--${kind}`), kind);
    }
  }

  const columns: ColumnPlan[] = [];
  header.forEach((name, sourceIndex) => {
    if (claimed.has(sourceIndex) && !explicit.has(sourceIndex)) return;
    const given = explicit.get(sourceIndex);
    const kind = given ?? inferKind(table, sourceIndex);
    columns.push({ name, sourceIndex, kind, inferred: given === undefined });
  });
  if (columns.length === 0) throw new CliError(`${file}: no columns left to model`);
  return labelIndex === undefined ? { columns } : { columns, labelIndex };
}

/**
 * Expands column-number ranges (`3..52`, 1-based, inclusive) into single numbers, so a
 * bag-of-words table's count columns can be named at once. A selector that is the name of a
 * column is left alone.
 */
function expandRanges(header: readonly string[], selectors: readonly string[] = []): string[] {
  return selectors.flatMap((selector) => {
    const range = /^(\d+)\.\.(\d+)$/.exec(selector);
    if (range === null || header.includes(selector)) return [selector];
    const from = Number(range[1]);
    const to = Number(range[2]);
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => String(from + i));
  });
}

function inferKind(table: RawTable, column: number): ColumnKind {
  for (const row of table.rows) {
    if (parseNumber(row[column] as string) === undefined) return 'categorical';
  }
  return 'gaussian';
}
