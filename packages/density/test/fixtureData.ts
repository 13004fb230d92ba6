import { readFileSync } from 'node:fs';
import type { Matrix } from '@mixkit/core';

const dir = new URL('../src/__fixtures__/', import.meta.url);

/** Reads a committed fixture JSON file. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

interface DataSet {
  rows: number;
  cols: number;
  data: number[];
}

const sets = fixture<Record<string, DataSet>>('density-data.json');

/** A shared data set (written by tooling/scripts/fixtures/density_sklearn.py). */
export function dataSet(name: string): Matrix {
  const s = sets[name];
  if (s === undefined) throw new Error(`no data set ${name}`);
  return { rows: s.rows, cols: s.cols, data: Float64Array.from(s.data) };
}

/** Decodes R's infinities (written as the string "Infinity"). */
export function decode(values: Array<number | string>): Float64Array {
  return Float64Array.from(values, (v) =>
    v === 'Infinity' ? Number.POSITIVE_INFINITY : Number(v),
  );
}

/** True when two labelings are the same partition with noise (-1) in the same rows. */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((x === -1) !== (y === -1)) return false;
    if (ab.has(x) && ab.get(x) !== y) return false;
    if (ba.has(y) && ba.get(y) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}
