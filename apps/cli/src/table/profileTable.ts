import { type CellOptions, type TableProfile, TableProfiler } from '@mixkit/csv';
import { readRecords } from '../input/readRecords.js';
import type { TableFile } from '../input/tableFile.js';
import type { Progress } from '../output/createProgress.js';

/** What the first pass over a data file learns. */
export interface ProfiledTable {
  readonly file: TableFile;
  readonly profile: TableProfile;
}

/**
 * The first pass over a data file: `choose` sees the header first and returns the columns to
 * profile (it may throw, e.g. for an unknown column name, before the rest is read); then every
 * row is profiled (`TableProfiler` of @mixkit/csv: counts, first sightings, levels; no cells
 * kept), with progress in bytes. Memory stays constant whatever the file's size.
 */
export async function profileTable(
  file: TableFile,
  cells: CellOptions,
  choose: (header: readonly string[]) => readonly number[],
  progress: Progress,
  signal?: AbortSignal,
): Promise<ProfiledTable> {
  const profiler = new TableProfiler({ source: file.path, cells, columns: choose });
  const sink = (record: string[], line: number) => profiler.add(record, line);
  for await (const bytes of readRecords(file, sink, signal)) progress.update(bytes);
  return { file, profile: profiler.finish() };
}
