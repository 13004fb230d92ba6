import { InvalidInputError } from '@mixkit/core';

/** Where a problem sits in a text table, for messages that a user can act on. */
export interface TableLocation {
  /** What the text came from, as the user knows it (a file path, `pasted text`, a file name). */
  readonly source: string;
  /** 1-based data row (the header is not counted); absent for a problem with the whole table. */
  readonly row?: number;
  /** 1-based line of the text on which the record ends (line 1 is the header). */
  readonly line?: number;
  /** 0-based column index, when the problem is in one column. */
  readonly column?: number;
  /** The column's name from the header. */
  readonly columnName?: string;
  /** The offending text, when there is one. */
  readonly value?: string;
}

/**
 * `data.csv, row 4 (line 5), column "width" (#2)`: the place of a cell as the messages of
 * `@mixkit/csv` (and the mixkit CLI) write it; rows and columns counted from 1.
 */
export function describeLocation(at: TableLocation): string {
  let text = at.source;
  if (at.row !== undefined) text += `, row ${at.row}`;
  if (at.line !== undefined)
    text += at.row === undefined ? `, line ${at.line}` : ` (line ${at.line})`;
  if (at.column !== undefined) {
    text += `, column ${at.columnName === undefined ? '' : `"${at.columnName}" `}(#${at.column + 1})`;
  }
  return text;
}

/**
 * A problem with a text table: bad quoting, a ragged row, a bad header, a cell that is not a
 * number. It is an `InvalidInputError` (so `InvalidInputError.isInstance` is true, with
 * `argument` = the source, `row` and `column` 0-based, `value` the offending text) whose message
 * reads `<source>, row R (line L), column "name" (#C): <reason>`, and it carries the 1-based
 * line and the column's name besides.
 */
export class TableError extends InvalidInputError {
  /** The full location, 1-based row and line as in the message. */
  readonly location: TableLocation;

  constructor(location: TableLocation, reason: string) {
    super(
      {
        argument: location.source,
        ...(location.row === undefined ? {} : { row: location.row - 1 }),
        ...(location.column === undefined ? {} : { column: location.column }),
        ...(location.value === undefined ? {} : { value: location.value }),
      },
      reason,
    );
    this.location = location;
    // The located form users act on, rather than InvalidInputError's generic one.
    this.message = `${describeLocation(location)}: ${reason}`;
  }
}
