/**
 * Where rows live, named by path (never by content): a worker reads its shard from the same
 * source as the coordinator, on its own disk or a shared one, so data never crosses Redis.
 * - `csv`: numbers separated by `delimiter` (default `,`), one row per line, with a header line
 *   unless `header` is false;
 * - `f64`: the benchmark harness's binary format, a JSON header (`rows`, `cols`,
 *   `dtype: 'float64'`, `byteOrder: 'little'`, `layout: 'row-major'`) named by `path`, with
 *   the raw doubles in the `.f64` file beside it;
 * - `parquet`: numeric columns of a Parquet file (all of them unless `columns` names some),
 *   read with hyparquet one row range at a time.
 */
export type DataSource =
  | {
      readonly kind: 'csv';
      readonly path: string;
      readonly header?: boolean;
      readonly delimiter?: string;
    }
  | { readonly kind: 'f64'; readonly path: string }
  | { readonly kind: 'parquet'; readonly path: string; readonly columns?: readonly string[] };

/** One source of a data set and how many rows it holds (rows are the sources' rows in order). */
export interface DatasetPart {
  readonly source: DataSource;
  readonly rows: number;
}

/** Rows `[start, end)` of a source, row-major. */
export interface SourceRows {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}
