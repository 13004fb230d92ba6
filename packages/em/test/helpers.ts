import type { AnyComponentFamily, Matrix } from '@mixkit/core';
import { gaussianBlobs } from '@mixkit/test-utils';

/** Three well separated 2-D blobs of 50 rows each (seeded). */
export function threeBlobs(seed = 1): { X: Matrix; labels: Int32Array } {
  return gaussianBlobs({
    centers: [
      [0, 0],
      [6, 6],
      [0, 9],
    ],
    size: 50,
    seed,
  });
}

/** Mean of each component's `mean` parameter, for families whose params have one. */
export function means(params: readonly unknown[]): number[][] {
  return params.map((p) => Array.from((p as { mean: Float64Array }).mean));
}

/** Log-joint densities log w_c + log f_c(x_i), the textbook way, for checking kernels. */
export function logJoint(
  families: readonly AnyComponentFamily[],
  params: readonly unknown[],
  weights: Float64Array,
  X: Matrix,
): number[][] {
  return Array.from({ length: X.rows }, (_, i) =>
    families.map((family, c) => {
      const out = new Float64Array(1);
      family.logDensity(params[c], X, i, i + 1, out, 0, 1);
      return out[0] + Math.log(weights[c]);
    }),
  );
}

/** log sum exp of a row. */
export function logSumExp(row: readonly number[]): number {
  const max = Math.max(...row);
  return max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
}

/** Largest relative difference between two JSON values' numbers (same shape required). */
function jsonDifference(a: unknown, b: unknown, path: string): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return 0;
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) throw new Error(`${path}: lengths ${a.length} and ${b.length}`);
    return a.reduce<number>((m, v, i) => Math.max(m, jsonDifference(v, b[i], `${path}[${i}]`)), 0);
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    if (keys.join() !== Object.keys(b).join()) throw new Error(`${path}: different keys`);
    return keys.reduce(
      (m, key) =>
        Math.max(
          m,
          jsonDifference(
            (a as Record<string, unknown>)[key],
            (b as Record<string, unknown>)[key],
            `${path}.${key}`,
          ),
        ),
      0,
    );
  }
  if (a !== b) throw new Error(`${path}: ${String(a)} vs ${String(b)}`);
  return 0;
}

/**
 * Largest relative difference between two fitted mixtures' weights and parameters, read
 * through each family's `paramsToJSON` (so it works for any family).
 */
export function modelDifference(
  a: { families: readonly AnyComponentFamily[]; params: readonly unknown[]; weights: Float64Array },
  b: { families: readonly AnyComponentFamily[]; params: readonly unknown[]; weights: Float64Array },
): number {
  let worst = jsonDifference(Array.from(a.weights), Array.from(b.weights), 'weights');
  a.families.forEach((family, c) => {
    const left = family.paramsToJSON(a.params[c]);
    const right = b.families[c].paramsToJSON(b.params[c]);
    worst = Math.max(worst, jsonDifference(left, right, `params[${c}]`));
  });
  return worst;
}

/** Rows [start, end) of X as a matrix view (no copy). */
export function rowSlice(X: Matrix, start: number, end: number): Matrix {
  return { rows: end - start, cols: X.cols, data: X.data.subarray(start * X.cols, end * X.cols) };
}

/** X cut into chunks of the given sizes (cycled until the rows run out), as views. */
export function chunksOf(X: Matrix, sizes: readonly number[]): Matrix[] {
  const chunks: Matrix[] = [];
  let start = 0;
  for (let i = 0; start < X.rows || i === 0; i++) {
    const end = Math.min(X.rows, start + sizes[i % sizes.length]);
    chunks.push(rowSlice(X, start, end));
    start = end;
  }
  return chunks;
}
