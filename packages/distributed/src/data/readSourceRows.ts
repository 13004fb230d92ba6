import type { DataSource, SourceRows } from './dataSource.js';
import { readCsvRows } from './readCsvRows.js';
import { countF64Rows, readF64Rows } from './readF64Rows.js';
import { readParquetRows } from './readParquetRows.js';

/**
 * Rows `[start, end)` of a source (to its end when `end` is undefined); `path` is the source's
 * resolved path (see `resolveSourcePath`).
 */
export function readSourceRows(
  source: DataSource,
  path: string,
  start: number,
  end?: number,
): Promise<SourceRows> {
  switch (source.kind) {
    case 'csv':
      return readCsvRows(path, source, start, end);
    case 'f64':
      return readF64Rows(path, start, end);
    case 'parquet':
      return readParquetRows(path, source.columns, start, end);
  }
}

/** How many rows a source holds (reading a CSV file to its end). */
export async function countSourceRows(source: DataSource, path: string): Promise<number> {
  if (source.kind === 'f64') return countF64Rows(path);
  return (await readSourceRows(source, path, 0)).rows;
}
