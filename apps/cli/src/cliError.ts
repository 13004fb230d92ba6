/**
 * A problem with the user's input or options, reported as one line (`mixkit: <message>`) with a
 * non-zero exit status. Anything else that escapes a command is a bug and is reported with its
 * stack.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    /** Process exit status: 2 for bad usage or input (as commander uses for usage errors). */
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Where a value sits in a table file, for error messages that a user can act on. */
export interface CellLocation {
  readonly file: string;
  /** 1-based data row (the header is not counted). */
  readonly row: number;
  /** 1-based line of the file on which the record ends. */
  readonly line: number;
  readonly columnName: string;
  /** 0-based column index. */
  readonly column: number;
}

/** `data.csv, row 4 (line 5), column "width" (#2)` */
export function describeCell(at: CellLocation): string {
  return `${at.file}, row ${at.row} (line ${at.line}), column "${at.columnName}" (#${at.column + 1})`;
}
