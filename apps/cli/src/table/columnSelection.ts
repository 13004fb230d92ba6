import { CliError } from '../cliError.js';
import type { ColumnKind } from './columnKind.js';
import { columnKinds } from './columnKind.js';
import { resolveColumn } from './resolveColumn.js';

/** Column choices from the command line; every list holds names, 1-based numbers or ranges. */
export type ColumnSelection = {
  readonly [kind in ColumnKind]?: readonly string[];
} & {
  /** Columns to leave out of the model. */
  readonly ignore?: readonly string[];
  /** Column of true classes, scored against with ARI and left out of the model. */
  readonly label?: string;
};

/** What the command line says of each column, resolved against the header. */
export interface ColumnRoles {
  /** Columns given a type on the command line (0-based header index -> kind). */
  readonly explicit: ReadonlyMap<number, ColumnKind>;
  /** Columns left out (`--ignore`). */
  readonly ignored: ReadonlySet<number>;
  /** The `--label` column, if any. */
  readonly label: number | undefined;
}

/**
 * Resolves the column options against the header: every selector names one column (by name,
 * 1-based number or a range of numbers), and no column gets two roles. A `CliError` names the
 * option and the selector otherwise.
 */
export function resolveColumnRoles(
  file: string,
  header: readonly string[],
  selection: ColumnSelection,
): ColumnRoles {
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
  const label = selection.label === undefined ? undefined : claim(selection.label, '--label');
  const ignored = new Set<number>();
  for (const selector of expandRanges(header, selection.ignore)) {
    ignored.add(claim(selector, '--ignore'));
  }
  const explicit = new Map<number, ColumnKind>();
  for (const kind of columnKinds) {
    for (const selector of expandRanges(header, selection[kind])) {
      explicit.set(claim(selector, `--${kind}`), kind);
    }
  }
  return { explicit, ignored, label };
}

/**
 * Expands column-number ranges (`3..52`, 1-based, inclusive) into single numbers, so a
 * bag-of-words table's count columns can be named at once. A selector that is the name of a
 * column is left alone; a range beyond the header is an error rather than a huge list.
 */
function expandRanges(header: readonly string[], selectors: readonly string[] = []): string[] {
  return selectors.flatMap((selector) => {
    const range = /^(\d+)\.\.(\d+)$/.exec(selector);
    if (range === null || header.includes(selector)) return [selector];
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to > header.length) return [String(to)]; // out of range: resolveColumn says so
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => String(from + i));
  });
}
