import { InvalidInputError } from '@mixkit/core';
import type { DataSource, DatasetPart } from './dataSource.js';
import { sourceShape } from './readSourceRows.js';
import { resolveSourcePath } from './resolveSourcePath.js';

/** A data set's shape, as a coordinator needs it to plan shards: no rows, only counts. */
export interface DatasetDescription {
  /** Each source and its row count, in order: `DistributedExecutorOptions.parts`. */
  readonly parts: readonly DatasetPart[];
  /** Rows of all sources together. */
  readonly rows: number;
  /** Columns per row, the same in every source (the data's dimension). */
  readonly cols: number;
}

/**
 * The row and column counts of every source (paths relative to `root`, default the working
 * directory) without holding their rows: `.f64` and Parquet sources are measured from their
 * headers, CSV sources by one streamed pass, so memory does not grow with the data. This is
 * what `DistributedExecutor.connect` needs (`parts`); the workers read and check the rows of
 * their shards. Use `loadDataset` only where the coordinator needs the rows themselves.
 */
export async function describeDataset(
  sources: readonly DataSource[],
  root: string = process.cwd(),
): Promise<DatasetDescription> {
  if (sources.length === 0) throw new InvalidInputError({ argument: 'sources' }, 'is empty');
  const shapes = await Promise.all(
    sources.map(async (source) => sourceShape(source, await resolveSourcePath(source.path, root))),
  );
  const cols = shapes[0]?.cols ?? 0;
  const parts: DatasetPart[] = [];
  let rows = 0;
  for (const [p, source] of sources.entries()) {
    const shape = shapes[p];
    if (shape === undefined) throw new RangeError(`no shape for source ${p}`);
    if (shape.cols !== cols) {
      throw new InvalidInputError(
        { argument: source.path, value: shape.cols },
        `has ${shape.cols} columns where the first source has ${cols}`,
      );
    }
    parts.push({ source, rows: shape.rows });
    rows += shape.rows;
  }
  return { parts, rows, cols };
}
