import { csvShape } from './csvShape.js';
import type { DataSource, SourceRows } from './dataSource.js';
import { readCsvRows } from './readCsvRows.js';
import { f64Shape, readF64Rows } from './readF64Rows.js';
import { parquetShape, readParquetRows } from './readParquetRows.js';

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

/**
 * How many rows and columns a source holds, without keeping its rows: an `.f64` header, a
 * Parquet footer, or one streamed pass over a CSV file.
 */
export function sourceShape(
  source: DataSource,
  path: string,
): Promise<{ rows: number; cols: number }> {
  switch (source.kind) {
    case 'csv':
      return csvShape(path, source);
    case 'f64':
      return f64Shape(path);
    case 'parquet':
      return parquetShape(path, source.columns);
  }
}
