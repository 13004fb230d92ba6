import { createReadStream } from 'node:fs';
import { InvalidInputError } from '@mixkit/core';
import { parse } from 'csv-parse';
import type { CsvLayout } from './readCsvRows.js';

/**
 * Rows and columns of a CSV source, streamed with the same csv-parse settings as `readCsvRows`
 * (so both count the same records) but keeping nothing: memory stays constant however large the
 * file. Cells are not parsed as numbers here; the worker that reads a shard checks its cells.
 */
export async function csvShape(
  path: string,
  layout: CsvLayout,
): Promise<{ rows: number; cols: number }> {
  const stream = createReadStream(path);
  const parser = stream.pipe(
    parse({
      delimiter: layout.delimiter ?? ',',
      from_line: (layout.header ?? true) ? 2 : 1,
      skip_empty_lines: true,
      trim: true,
      // Ragged rows reach the check below, which names the row, instead of csv-parse's error.
      relax_column_count: true,
    }),
  );
  let rows = 0;
  let cols = -1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (cols === -1) cols = record.length;
      if (record.length !== cols) {
        throw new InvalidInputError(
          { argument: path, row: rows, value: record.length },
          `has ${record.length} cells where earlier rows have ${cols}`,
        );
      }
      rows++;
    }
  } finally {
    stream.destroy();
  }
  return { rows, cols: Math.max(cols, 0) };
}
