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
      /** A text file of delimited numbers. */
      readonly kind: 'csv';
      /** The file, relative to the worker's data root (the coordinator's working directory). */
      readonly path: string;
      /** The first line names the columns and is skipped. Default true. */
      readonly header?: boolean;
      /** The one character between fields. Default `,`. */
      readonly delimiter?: string;
    }
  | {
      /** The benchmark harness's binary format: a JSON header beside raw little-endian doubles. */
      readonly kind: 'f64';
      /** The JSON header file (the `.f64` data file sits beside it), relative to the data root. */
      readonly path: string;
    }
  | {
      /** A Parquet file, read with hyparquet one row range at a time. */
      readonly kind: 'parquet';
      /** The `.parquet` file, relative to the data root. */
      readonly path: string;
      /** The numeric columns to read, in this order. Default: every column, in file order. */
      readonly columns?: readonly string[];
    };

/** One source of a data set and how many rows it holds (rows are the sources' rows in order). */
export interface DatasetPart {
  /** Where this part's rows are read from. */
  readonly source: DataSource;
  /** How many data rows the source holds (a CSV's header line not counted). */
  readonly rows: number;
}

/** Rows `[start, end)` of a source, row-major. */
export interface SourceRows {
  /** Rows read (`end - start`). */
  readonly rows: number;
  /** Columns per row (the data's dimension). */
  readonly cols: number;
  /** The values, row-major: `rows * cols` doubles, row `i`'s column `j` at `i * cols + j`. */
  readonly data: Float64Array;
}
