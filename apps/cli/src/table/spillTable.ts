import { read, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { type Matrix, throwIfAborted } from '@mixkit/core';
import { CliError } from '../cliError.js';
import { readRecords } from '../input/readRecords.js';
import type { CellSettings } from '../options/fitSettings.js';
import { formatBytes, type Progress } from '../output/createProgress.js';
import { type ScratchFile, writeFailureReason } from '../output/stagedOutputs.js';
import { LabelCoder } from './labelCoder.js';
import { changed } from './loadMatrix.js';
import type { TablePlan } from './planColumns.js';
import type { ProfiledTable } from './profileTable.js';
import { TableEncoder } from './tableEncoder.js';

const readAt = promisify(read);

/** Options of `spillTable`. */
export interface SpillOptions {
  /** Rows per chunk of the passes (the last chunk may have fewer). */
  readonly chunkRows: number;
  /** How the spill's folder was chosen, for errors: e.g. `--spill-dir /tmp`. */
  readonly origin: string;
  readonly signal?: AbortSignal | undefined;
  /** Called with the bytes of the data file read so far while spilling. */
  readonly progress?: Progress;
}

/** A table encoded once into a spill file: the passes of an out-of-core fit read it back. */
export interface SpilledTable {
  /**
   * A `ChunkSource` of @mixkit/em: each call starts a pass over the spill and yields the rows as
   * new matrices of `chunkRows` rows, exactly as `fileChunks` yields them from the data file.
   */
  readonly chunks: () => AsyncIterable<Matrix>;
  /** The label column's codes in row order (4 bytes a row), or undefined without `--label`. */
  labelCodes(): Promise<Int32Array | undefined>;
}

/**
 * The load pass of an out-of-core fit: the data file is parsed once (csv-parse, as
 * `fileChunks` does every pass) and its rows are encoded by the same `TableEncoder` into
 * `scratch`, n x d float64 rows in row-major order followed by the label codes (int32, with
 * `--label`), written a chunk at a time (constant memory). Every later pass reads chunks of
 * the same rows back (one positional read each, about 1 MiB, asynchronous so that reading ahead
 * overlaps with the workers) instead of parsing text again: the same bits, since the spill holds
 * the encoder's float64s exactly. Throws a located `CliError` when the folder lacks the room
 * (checked before writing) or a write fails (exit 1; a full disk, say): the caller removes the
 * scratch file on every path.
 */
export async function spillTable(
  table: ProfiledTable,
  plan: TablePlan,
  cells: CellSettings,
  scratch: ScratchFile,
  options: SpillOptions,
): Promise<SpilledTable> {
  const { file, profile } = table;
  const n = profile.rows;
  const d = plan.columns.length;
  const { chunkRows, origin } = options;
  const labelled = plan.labelIndex !== undefined;
  const labelsAt = n * d * 8;
  checkRoom(scratch.path, origin, labelsAt + (labelled ? n * 4 : 0));
  const write = (bytes: Uint8Array, position: number) => {
    try {
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(
          scratch.fd,
          bytes,
          written,
          bytes.length - written,
          position + written,
        );
      }
    } catch (error) {
      throw new CliError(
        `${origin}: cannot write the spill file ${scratch.path} (${writeFailureReason(error)}); nothing was written (choose another folder with --spill-dir, or re-read the data file on every pass with --no-spill)`,
        1,
      );
    }
  };
  const coder = labelled ? new LabelCoder(chunkRows) : undefined;
  const encoder = new TableEncoder(
    file.path,
    profile.header,
    plan.columns,
    cells,
    coder === undefined ? undefined : { index: plan.labelIndex as number, coder },
  );
  const block = new Float64Array(chunkRows * d);
  let filled = 0;
  let rows = 0;
  let header = true;
  const flush = () => {
    const start = rows - filled;
    write(new Uint8Array(block.buffer, 0, filled * d * 8), start * d * 8);
    if (coder !== undefined) {
      const codes = coder.labels();
      write(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength), labelsAt + start * 4);
      coder.clear();
    }
    filled = 0;
  };
  const sink = (record: string[], line: number) => {
    if (header) {
      header = false;
      return;
    }
    if (++rows > n) throw changed(file.path);
    encoder.encode(record, line, block, filled * d);
    if (++filled === chunkRows) flush();
  };
  for await (const bytes of readRecords(file, sink, options.signal)) {
    options.progress?.update(bytes);
  }
  if (rows !== n) throw changed(file.path);
  if (filled > 0) flush();

  const readFailure = (error: unknown) =>
    new CliError(
      `${origin}: cannot read the spill file ${scratch.path} back (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      1,
    );
  const readAll = async (bytes: Uint8Array, position: number) => {
    let done = 0;
    while (done < bytes.length) {
      let got: number;
      try {
        ({ bytesRead: got } = await readAt(
          scratch.fd,
          bytes,
          done,
          bytes.length - done,
          position + done,
        ));
      } catch (error) {
        throw readFailure(error);
      }
      if (got === 0) throw readFailure('the file is shorter than was written');
      done += got;
    }
  };
  async function* pass(): AsyncGenerator<Matrix, void, void> {
    for (let start = 0; start < n; start += chunkRows) {
      throwIfAborted(options.signal, 'reading');
      const count = Math.min(chunkRows, n - start);
      const data = new Float64Array(count * d);
      await readAll(new Uint8Array(data.buffer), start * d * 8);
      yield { rows: count, cols: d, data };
    }
  }
  return {
    chunks: pass,
    async labelCodes() {
      if (!labelled) return undefined;
      const codes = new Int32Array(n);
      await readAll(new Uint8Array(codes.buffer), labelsAt);
      return codes;
    },
  };
}

/**
 * Refuses before writing when the folder has less free space than the spill needs, so a long
 * load pass cannot end on a full disk (another process may still fill it: writes are checked).
 */
function checkRoom(path: string, origin: string, bytes: number): void {
  let free: number;
  try {
    const stats = statfsSync(dirname(path));
    free = stats.bavail * stats.bsize;
  } catch {
    return; // no statfs here: the writes themselves report a full disk
  }
  if (free < bytes) {
    throw new CliError(
      `${origin}: the spill file of the out-of-core fit needs ${formatBytes(bytes)} and the folder has ${formatBytes(free)} free (choose another folder with --spill-dir, or re-read the data file on every pass with --no-spill)`,
      1,
    );
  }
}
