import { join } from 'node:path';
import type { Matrix } from '@mixkit/core';
import { parquetWriteFile } from 'hyparquet-writer';
import type { DataSource } from '../src/index.js';

/**
 * Writes rows `[from, to)` of `X` as a Parquet file of DOUBLE columns `x0..x{d-1}` under
 * `root` (hyparquet-writer, plain encoding, small row groups so shards straddle them), and
 * returns its source. The test data's Parquet parts are written at test time, into the same
 * temporary data root as its CSV and `.f64` parts: nothing binary is committed.
 */
export function writeParquetPart(
  root: string,
  name: string,
  X: Matrix,
  from: number,
  to: number,
  rowGroupSize: number,
): DataSource {
  const d = X.cols;
  const columnData = Array.from({ length: d }, (_, j) => {
    const data = new Float64Array(to - from);
    for (let i = from; i < to; i++) data[i - from] = X.data[i * d + j];
    return { name: `x${j}`, data, type: 'DOUBLE' as const, nullable: false };
  });
  parquetWriteFile({ filename: join(root, name), columnData, rowGroupSize });
  return { kind: 'parquet', path: name };
}
