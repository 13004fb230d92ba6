import { createReadStream } from 'node:fs';
import { InvalidInputError } from '@mixkit/core';
import { parse } from 'csv-parse';
import type { SourceRows } from './dataSource.js';

/** How a CSV source is laid out. */
export interface CsvLayout {
  /** A header line comes first (default true). */
  readonly header?: boolean;
  /** The one character between fields (default `,`). */
  readonly delimiter?: string;
}

/**
 * Rows `[start, end)` of a numeric CSV file (to its end when `end` is undefined), streamed with
 * csv-parse: the lines before `start` are skipped, reading stops after `end`. Every cell must
 * be a finite number; the error names the row (0-based, after the header) and column.
 */
export async function readCsvRows(
  path: string,
  layout: CsvLayout,
  start: number,
  end?: number,
): Promise<SourceRows> {
  const skip = (layout.header ?? true) ? 1 : 0;
  const stream = createReadStream(path);
  const parser = stream.pipe(
    parse({
      delimiter: layout.delimiter ?? ',',
      from_line: skip + start + 1,
      ...(end === undefined ? {} : { to_line: skip + end }),
      skip_empty_lines: true,
      trim: true,
      // Ragged rows reach the check below, which names the row, instead of csv-parse's error.
      relax_column_count: true,
    }),
  );
  const values: number[] = [];
  let cols = -1;
  let row = start;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (cols === -1) cols = record.length;
      if (record.length !== cols) {
        throw new InvalidInputError(
          { argument: path, row, value: record.length },
          `has ${record.length} cells where earlier rows have ${cols}`,
        );
      }
      for (let j = 0; j < cols; j++) {
        const value = Number(record[j]);
        if (record[j] === '' || !Number.isFinite(value)) {
          throw new InvalidInputError(
            { argument: path, row, column: j, value: record[j] },
            'is not a finite number',
          );
        }
        values.push(value);
      }
      row++;
    }
  } finally {
    stream.destroy();
  }
  const rows = row - start;
  if (end !== undefined && rows !== end - start) {
    throw new InvalidInputError(
      { argument: path, value: `${start}..${end}` },
      `has ${row} rows, fewer than asked`,
    );
  }
  return { rows, cols: Math.max(cols, 0), data: Float64Array.from(values) };
}
