import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIris, makeMixedTypes } from '@mixkit/datasets';

/** A fresh empty folder for one test's input and output files. */
export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'mixkit-cli-'));
}

/** Iris as a CSV with a text `species` column; returns the file path. */
export function writeIrisCsv(dir: string, delimiter = ',', name = 'iris.csv'): string {
  const iris = loadIris();
  const lines = [[...iris.featureNames, 'species'].join(delimiter)];
  for (let i = 0; i < iris.X.rows; i++) {
    const row = Array.from(iris.X.data.subarray(i * 4, i * 4 + 4), String);
    row.push(iris.targetNames?.[iris.labels?.[i] ?? 0] ?? '');
    lines.push(row.join(delimiter));
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Level names of the mixed table's categorical column (codes 0..3 become these words). */
export const colours = ['red', 'green', 'blue', 'amber'];

/**
 * A mixed-type table from `makeMixedTypes` (two Gaussian columns, a Poisson count column, a
 * 4-level categorical column written as words) plus its true component in `truth`.
 */
export function writeMixedCsv(
  dir: string,
  name = 'mixed.csv',
): { file: string; labels: Int32Array } {
  const data = makeMixedTypes({ nSamples: 400, random: 11 });
  const lines = ['height,weight,visits,colour,truth'];
  for (let i = 0; i < data.X.rows; i++) {
    const [a, b, count, code] = Array.from(data.X.data.subarray(i * 4, i * 4 + 4));
    lines.push(`${a},${b},${count},${colours[code ?? 0]},${data.labels[i]}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, labels: data.labels };
}
