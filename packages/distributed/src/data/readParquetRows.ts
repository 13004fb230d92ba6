import { InvalidInputError } from '@mixkit/core';
import type { SourceRows } from './dataSource.js';

/**
 * Rows `[start, end)` of the numeric columns of a Parquet file (all top-level columns unless
 * `columns` names some), through hyparquet, which reads only the row groups that hold them.
 * INT64 cells arrive as bigints and are converted; any other non-number is an error.
 */
export async function readParquetRows(
  path: string,
  columns: readonly string[] | undefined,
  start: number,
  end?: number,
): Promise<SourceRows> {
  const { parquetRead } = await import('hyparquet');
  const { file, metadata, total, names } = await openParquet(path, columns);
  const last = end ?? total;
  if (start < 0 || last > total || start > last) {
    throw new InvalidInputError(
      { argument: path, value: `${start}..${last}` },
      `asks rows outside the file's ${total}`,
    );
  }
  const cols = names.length;
  const rows = last - start;
  const data = new Float64Array(rows * cols);
  if (rows === 0) return { rows, cols, data };
  let received: unknown[][] = [];
  await parquetRead({
    file,
    metadata,
    columns: [...names],
    rowStart: start,
    rowEnd: last,
    rowFormat: 'array',
    onComplete: (result: unknown[][]) => {
      received = result;
    },
  });
  if (received.length !== rows) {
    throw new InvalidInputError({ argument: path }, `gave ${received.length} rows of ${rows}`);
  }
  for (let i = 0; i < rows; i++) {
    const record = received[i] ?? [];
    for (let j = 0; j < cols; j++) {
      const cell = record[j];
      const value = typeof cell === 'bigint' ? Number(cell) : cell;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new InvalidInputError(
          { argument: path, row: start + i, column: j, value: String(cell) },
          'is not a finite number',
        );
      }
      data[i * cols + j] = value;
    }
  }
  return { rows, cols, data };
}

/** Rows and columns of a Parquet source, from the file's footer alone (no row group is read). */
export async function parquetShape(
  path: string,
  columns: readonly string[] | undefined,
): Promise<{ rows: number; cols: number }> {
  const { total, names } = await openParquet(path, columns);
  return { rows: total, cols: names.length };
}

async function openParquet(path: string, columns: readonly string[] | undefined) {
  const { asyncBufferFromFile, parquetMetadataAsync } = await import('hyparquet');
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  // The root's children are the top-level columns.
  const names =
    columns ??
    metadata.schema.slice(1).flatMap((element) => (element.num_children ? [] : [element.name]));
  return { file, metadata, total: Number(metadata.num_rows), names };
}
