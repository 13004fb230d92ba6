import { basename } from 'node:path';
import type { Matrix } from '@mixkit/core';
import type { CliIo } from '../cliIo.js';
import type { FitSettings } from '../options/fitSettings.js';
import { createProgress } from '../output/createProgress.js';
import type { StagedOutputs } from '../output/stagedOutputs.js';
import { fileChunks } from './fileChunks.js';
import { LabelCoder } from './labelCoder.js';
import type { TablePlan } from './planColumns.js';
import type { ProfiledTable } from './profileTable.js';
import { type SpilledTable, spillTable } from './spillTable.js';

/** The rows of an out-of-core fit, pass after pass. */
export interface StreamedTable {
  /** A `ChunkSource`: each call is one pass over the rows, in chunks of the same rows. */
  readonly chunks: () => AsyncIterable<Matrix>;
  /** The last pass (the labels'): the same chunks, and the label column's codes taken on it. */
  readonly lastPass: () => AsyncIterable<Matrix>;
  /** The label column's codes in row order once `lastPass` ended (undefined without `--label`). */
  labelCodes(): Promise<Int32Array | undefined>;
}

/**
 * The passes of an out-of-core fit: by default from a spill file (the data parsed and encoded
 * once, in `settings.spill.dir`, a scratch file of `outputs` removed on success, failure and
 * interrupt; see `spillTable`), or with `--no-spill` from the data file itself, parsed again on
 * every pass (`fileChunks`). Both yield the same chunks, bit for bit.
 */
export async function openStreamedTable(
  table: ProfiledTable,
  plan: TablePlan,
  settings: FitSettings,
  outputs: StagedOutputs,
  io: CliIo,
  chunkRows: number,
): Promise<StreamedTable> {
  const rows = table.profile.rows;
  if (settings.spill === undefined) {
    const coder = plan.labelIndex === undefined ? undefined : new LabelCoder(rows);
    return {
      chunks: fileChunks(table, plan, settings.cells, { chunkRows, signal: io.signal }),
      lastPass: fileChunks(table, plan, settings.cells, {
        chunkRows,
        signal: io.signal,
        ...(coder === undefined ? {} : { labels: () => coder }),
      }),
      labelCodes: async () => coder?.labels(),
    };
  }
  const scratch = outputs.scratch(settings.spill.dir, 'mixkit-spill', settings.spill.origin);
  const encoding = createProgress(
    io.progressStream,
    table.file.size,
    `encoding ${basename(table.file.path)}`,
    300,
    'bytes',
  );
  let spilled: SpilledTable;
  try {
    spilled = await spillTable(table, plan, settings.cells, scratch, {
      chunkRows,
      origin: settings.spill.origin,
      signal: io.signal,
      progress: encoding,
    });
  } finally {
    encoding.stop();
  }
  return { chunks: spilled.chunks, lastPass: spilled.chunks, labelCodes: spilled.labelCodes };
}
