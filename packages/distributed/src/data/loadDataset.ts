import { InvalidInputError, type Matrix } from '@mixkit/core';
import type { DataSource, DatasetPart } from './dataSource.js';
import { readSourceRows } from './readSourceRows.js';
import { resolveSourcePath } from './resolveSourcePath.js';

/** A data set read whole by a coordinator: its rows and the parts they came from. */
export interface LoadedDataset {
  /** Every source's rows in source order, one matrix (row-major). */
  readonly X: Matrix;
  /** Each source and its row count, in order: `DistributedExecutorOptions.parts`. */
  readonly parts: readonly DatasetPart[];
}

/**
 * Reads every source (paths relative to `root`, default the working directory) into one matrix,
 * rows in source order, and records how many rows each holds: the coordinator needs the rows to
 * initialise and check the fit; workers read only their shards of the same sources.
 */
export async function loadDataset(
  sources: readonly DataSource[],
  root: string = process.cwd(),
): Promise<LoadedDataset> {
  if (sources.length === 0) throw new InvalidInputError({ argument: 'sources' }, 'is empty');
  const read = await Promise.all(
    sources.map(async (source) =>
      readSourceRows(source, await resolveSourcePath(source.path, root), 0),
    ),
  );
  const cols = read[0]?.cols ?? 0;
  const rows = read.reduce((sum, part) => sum + part.rows, 0);
  const data = new Float64Array(rows * cols);
  let offset = 0;
  read.forEach((part, p) => {
    if (part.cols !== cols) {
      throw new InvalidInputError(
        { argument: sources[p]?.path ?? 'sources', value: part.cols },
        `has ${part.cols} columns where the first source has ${cols}`,
      );
    }
    data.set(part.data, offset);
    offset += part.data.length;
  });
  return {
    X: { rows, cols, data },
    parts: read.map((part, p) => ({ source: sourceAt(sources, p), rows: part.rows })),
  };
}

function sourceAt(sources: readonly DataSource[], p: number): DataSource {
  const source = sources[p];
  if (source === undefined) throw new RangeError(`no source ${p}`);
  return source;
}
