import { open, readFile } from 'node:fs/promises';
import { InvalidInputError } from '@mixkit/core';
import type { SourceRows } from './dataSource.js';

/** The JSON header of an `.f64` file (the benchmark harness's cache format). */
interface F64Header {
  readonly rows: number;
  readonly cols: number;
}

/** The header at `path` and the data file beside it (`x.json` describes `x.f64`). */
async function readHeader(path: string): Promise<F64Header & { readonly dataFile: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InvalidInputError({ argument: path }, `is not a JSON header (${String(error)})`);
  }
  const header = (json ?? {}) as Record<string, unknown>;
  const { rows, cols } = header;
  if (
    header.dtype !== 'float64' ||
    header.byteOrder !== 'little' ||
    header.layout !== 'row-major' ||
    !Number.isSafeInteger(rows) ||
    !Number.isSafeInteger(cols) ||
    (rows as number) < 0 ||
    (cols as number) < 1
  ) {
    throw new InvalidInputError(
      { argument: path },
      "needs rows, cols, dtype 'float64', byteOrder 'little' and layout 'row-major'",
    );
  }
  return { rows: rows as number, cols: cols as number, dataFile: path.replace(/\.json$/, '.f64') };
}

/** Rows and columns of an `.f64` data set, from its header alone. */
export async function f64Shape(path: string): Promise<{ rows: number; cols: number }> {
  const { rows, cols } = await readHeader(path);
  return { rows, cols };
}

/**
 * Rows `[start, end)` of an `.f64` data set (to its end when `end` is undefined), read with one
 * positioned read straight into the result's memory.
 */
export async function readF64Rows(path: string, start: number, end?: number): Promise<SourceRows> {
  const { rows: total, cols, dataFile } = await readHeader(path);
  const last = end ?? total;
  if (start < 0 || last > total || start > last) {
    throw new InvalidInputError(
      { argument: path, value: `${start}..${last}` },
      `asks rows outside the file's ${total}`,
    );
  }
  const rows = last - start;
  const data = new Float64Array(rows * cols);
  const file = await open(dataFile, 'r');
  try {
    const bytes = new Uint8Array(data.buffer);
    let done = 0;
    while (done < bytes.byteLength) {
      const { bytesRead } = await file.read(
        bytes,
        done,
        bytes.byteLength - done,
        start * cols * 8 + done,
      );
      if (bytesRead === 0) {
        throw new InvalidInputError({ argument: dataFile }, 'is shorter than its header says');
      }
      done += bytesRead;
    }
  } finally {
    await file.close();
  }
  for (let t = 0; t < data.length; t++) {
    if (!Number.isFinite(data[t])) {
      throw new InvalidInputError(
        { argument: dataFile, row: start + Math.floor(t / cols), column: t % cols, value: data[t] },
        'is not a finite number',
      );
    }
  }
  return { rows, cols, data };
}
