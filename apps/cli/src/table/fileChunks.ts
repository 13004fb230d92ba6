import type { Matrix } from '@mixkit/core';
import { readRecords } from '../input/readRecords.js';
import type { CellSettings } from '../options/fitSettings.js';
import type { LabelCoder } from './labelCoder.js';
import { changed } from './loadMatrix.js';
import type { TablePlan } from './planColumns.js';
import type { ProfiledTable } from './profileTable.js';
import { TableEncoder } from './tableEncoder.js';

/** Options of `fileChunks`. */
export interface FileChunkOptions {
  /** Rows per chunk (the last chunk may have fewer). */
  readonly chunkRows: number;
  readonly signal?: AbortSignal | undefined;
  /** Called with the bytes read so far after each read step of a pass. */
  readonly onBytes?: (bytes: number) => void;
  /** Receives the label column's values, in row order, on every pass. */
  readonly labels?: () => LabelCoder;
}

/**
 * The data file as a `ChunkSource` for out-of-core EM (`fitMixtureStream`): each call starts a
 * new pass over the file (csv-parse's streaming parser, see `readRecords`) and yields its rows
 * encoded as matrices of `chunkRows` rows. Each chunk is a new array (a chunk handed to the
 * fit is never overwritten), so memory is a few chunks and one read step, whatever the file's
 * size. A pass that sees a different number of rows than the first pass is an error.
 */
export function fileChunks(
  table: ProfiledTable,
  plan: TablePlan,
  cells: CellSettings,
  options: FileChunkOptions,
): () => AsyncIterable<Matrix> {
  return () => chunksOf(table, plan, cells, options);
}

async function* chunksOf(
  table: ProfiledTable,
  plan: TablePlan,
  cells: CellSettings,
  options: FileChunkOptions,
): AsyncGenerator<Matrix, void, void> {
  const { file, profile } = table;
  const d = plan.columns.length;
  const { chunkRows } = options;
  const coder = options.labels?.();
  const encoder = new TableEncoder(
    file.path,
    profile.header,
    plan.columns,
    cells,
    coder === undefined || plan.labelIndex === undefined
      ? undefined
      : { index: plan.labelIndex, coder },
  );
  const ready: Matrix[] = [];
  let current = new Float64Array(chunkRows * d);
  let filled = 0;
  let rows = 0;
  let header = true;
  const sink = (record: string[], line: number) => {
    if (header) {
      header = false;
      return;
    }
    if (++rows > profile.rows) throw changed(file.path);
    encoder.encode(record, line, current, filled * d);
    if (++filled === chunkRows) {
      ready.push({ rows: filled, cols: d, data: current });
      current = new Float64Array(chunkRows * d);
      filled = 0;
    }
  };
  for await (const bytes of readRecords(file, sink, options.signal)) {
    options.onBytes?.(bytes);
    while (ready.length > 0) yield ready.shift() as Matrix;
  }
  if (rows !== profile.rows) throw changed(file.path);
  if (filled > 0) yield { rows: filled, cols: d, data: current.subarray(0, filled * d) };
}
