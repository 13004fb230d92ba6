import type { Matrix } from '@mixkit/core';
import { CliError } from '../cliError.js';
import { readRecords } from '../input/readRecords.js';
import type { CellSettings } from '../options/fitSettings.js';
import type { Progress } from '../output/createProgress.js';
import { LabelCoder } from './labelCoder.js';
import type { TablePlan } from './planColumns.js';
import type { ProfiledTable } from './profileTable.js';
import { TableEncoder } from './tableEncoder.js';

/** The data in memory: the model's matrix and the label column's codes, if any. */
export interface LoadedData {
  readonly X: Matrix;
  readonly labelCodes: Int32Array | undefined;
}

/**
 * The second pass over a profiled file: every record is encoded straight into one
 * preallocated n x d `Float64Array` (n and d are known from the first pass), so the data takes
 * 8 bytes a cell plus the label codes (4 bytes a row) and one read step; no text is kept.
 */
export async function loadMatrix(
  table: ProfiledTable,
  plan: TablePlan,
  cells: CellSettings,
  progress: Progress,
  signal?: AbortSignal,
): Promise<LoadedData> {
  const { profile, file } = table;
  const n = profile.rows;
  const d = plan.columns.length;
  const data = new Float64Array(n * d);
  const coder = plan.labelIndex === undefined ? undefined : new LabelCoder(n);
  const encoder = new TableEncoder(
    file.path,
    profile.header,
    plan.columns,
    cells,
    coder === undefined ? undefined : { index: plan.labelIndex as number, coder },
  );
  let header = true;
  let offset = 0;
  const sink = (record: string[], line: number) => {
    if (header) {
      header = false;
      return;
    }
    if (offset === data.length) throw changed(file.path);
    encoder.encode(record, line, data, offset);
    offset += d;
  };
  for await (const bytes of readRecords(file, sink, signal)) progress.update(bytes);
  if (offset !== data.length) throw changed(file.path);
  return { X: { rows: n, cols: d, data }, labelCodes: coder?.labels() };
}

/** The file no longer has the rows the first pass counted. */
export function changed(path: string): CliError {
  return new CliError(
    `${path}: the file changed while it was being read (its row count differs from the first pass)`,
  );
}
