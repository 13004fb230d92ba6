import { createMatrix, createRandom, type Matrix } from '@mixkit/core';

/** Options of `gaussianBlobs`. */
export interface GaussianBlobsOptions {
  /** One center per blob; all of the same length d. */
  readonly centers: readonly (readonly number[])[];
  /** Rows per blob (a number, or one count per blob). */
  readonly size: number | readonly number[];
  /** Standard deviation of every coordinate. Default 1. */
  readonly sd?: number;
  /** Seed of the draw. Default 0. */
  readonly seed?: number;
}

/**
 * Seeded isotropic Gaussian blobs, rows grouped by blob, with their true labels:
 * a small self-contained fixture for runner tests.
 */
export function gaussianBlobs(options: GaussianBlobsOptions): { X: Matrix; labels: Int32Array } {
  const { centers, sd = 1 } = options;
  const random = createRandom(options.seed ?? 0);
  const d = centers[0]?.length ?? 0;
  const sizes = centers.map((_, k) =>
    typeof options.size === 'number' ? options.size : (options.size[k] ?? 0),
  );
  const n = sizes.reduce((a, b) => a + b, 0);
  const X = createMatrix(n, d);
  const labels = new Int32Array(n);
  let row = 0;
  centers.forEach((center, k) => {
    for (let r = 0; r < sizes[k]; r++, row++) {
      labels[row] = k;
      for (let j = 0; j < d; j++) X.data[row * d + j] = center[j] + sd * random.normal();
    }
  });
  return { X, labels };
}
