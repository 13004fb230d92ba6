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
      return out[0]! + Math.log(weights[c]!);
    }),
  );
}

/** log sum exp of a row. */
export function logSumExp(row: readonly number[]): number {
  const max = Math.max(...row);
  return max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
}
