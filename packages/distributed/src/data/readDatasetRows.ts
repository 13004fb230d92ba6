import { stat } from 'node:fs/promises';
import { DistributedError } from '../errors/distributedError.js';
import type { DatasetPart, SourceRows } from './dataSource.js';
import { readSourceRows } from './readSourceRows.js';
import { resolveSourcePath } from './resolveSourcePath.js';

/** Rows `[start, end)` of a data set made of `parts`, and the identity of what was read. */
export interface DatasetRows {
  readonly rows: SourceRows;
  /**
   * The files read and their state (real path, size, modification time) plus the row range: a
   * worker's cache key, so rows are reused only while the same bytes are there to read.
   */
  readonly identity: string;
}

/** The identity `readDatasetRows` would give, without reading the rows (a cache look-up). */
export async function datasetRowsIdentity(
  parts: readonly DatasetPart[],
  start: number,
  end: number,
  root: string,
): Promise<string> {
  const pieces: string[] = [];
  for (const { part, from, to } of overlapping(parts, start, end)) {
    const path = await resolveSourcePath(part.source.path, root);
    const files = part.source.kind === 'f64' ? [path, path.replace(/\.json$/, '.f64')] : [path];
    for (const file of files) {
      const info = await stat(file);
      pieces.push(`${part.source.kind}:${file}:${info.size}:${info.mtimeMs}`);
    }
    pieces.push(`${JSON.stringify(part.source)}[${from},${to})`);
  }
  return pieces.join('|');
}

/** Reads rows `[start, end)` of the data set, across parts, into one row-major array. */
export async function readDatasetRows(
  parts: readonly DatasetPart[],
  cols: number,
  start: number,
  end: number,
  root: string,
): Promise<SourceRows> {
  const data = new Float64Array((end - start) * cols);
  let offset = 0;
  for (const { part, from, to } of overlapping(parts, start, end)) {
    const path = await resolveSourcePath(part.source.path, root);
    const piece = await readSourceRows(part.source, path, from, to);
    if (piece.cols !== cols) {
      throw new DistributedError(
        'shard-source',
        `${part.source.path} has ${piece.cols} columns, the fit has ${cols}`,
      );
    }
    data.set(piece.data, offset);
    offset += piece.data.length;
  }
  return { rows: end - start, cols, data };
}

/** The parts that hold rows of `[start, end)`, each with its own row range. */
function* overlapping(
  parts: readonly DatasetPart[],
  start: number,
  end: number,
): Generator<{ readonly part: DatasetPart; readonly from: number; readonly to: number }> {
  let first = 0;
  for (const part of parts) {
    const last = first + part.rows;
    const from = Math.max(start, first);
    const to = Math.min(end, last);
    if (from < to) yield { part, from: from - first, to: to - first };
    first = last;
  }
}
