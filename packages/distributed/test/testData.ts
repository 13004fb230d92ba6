import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Matrix } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import type { DataSource } from '../src/index.js';

/** A data set written as sources in a fresh directory (the workers' data root). */
export interface TestData {
  readonly root: string;
  readonly X: Matrix;
  readonly sources: readonly DataSource[];
}

/**
 * Blobs written in two parts, the first `csvRows` rows as CSV (shortest round-trip decimals, so
 * the same doubles come back) and the rest in the harness's `.f64` format.
 */
export function writeTestData(
  rows: number,
  cols: number,
  centers: number,
  csvRows: number,
  seed = 7,
): TestData {
  const root = mkdtempSync(join(tmpdir(), 'mixkit-data-'));
  const { X } = makeBlobs({
    nSamples: rows,
    nFeatures: cols,
    centers,
    clusterStd: 1.5,
    random: seed,
  });
  const lines = [Array.from({ length: cols }, (_, j) => `x${j}`).join(',')];
  for (let i = 0; i < csvRows; i++) {
    lines.push(Array.from(X.data.subarray(i * cols, (i + 1) * cols)).join(','));
  }
  writeFileSync(join(root, 'part0.csv'), `${lines.join('\n')}\n`);
  const rest = X.data.slice(csvRows * cols);
  writeFileSync(join(root, 'part1.f64'), new Uint8Array(rest.buffer));
  const header = {
    rows: rows - csvRows,
    cols,
    dtype: 'float64',
    byteOrder: 'little',
    layout: 'row-major',
  };
  writeFileSync(join(root, 'part1.json'), JSON.stringify(header));
  return {
    root,
    X,
    sources: [
      { kind: 'csv', path: 'part0.csv' },
      { kind: 'f64', path: 'part1.json' },
    ],
  };
}

/** What a fit must repeat bit for bit: its objective trace and its model. */
export function fingerprint(model: {
  diagnostics: { objective: readonly number[] };
  toJSON(): unknown;
}): string {
  return JSON.stringify({ objective: model.diagnostics.objective, model: model.toJSON() });
}
