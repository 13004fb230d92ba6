import type { Matrix } from '@mixkit/core';

/** Mean and covariance (divisor n) of the rows with `labels[i] === component`, for tests. */
export function componentMoments(
  X: Matrix,
  labels: Int32Array,
  component: number,
): { count: number; mean: Float64Array; covariance: Float64Array } {
  const d = X.cols;
  const mean = new Float64Array(d);
  let count = 0;
  for (let i = 0; i < X.rows; i++) {
    if (labels[i] !== component) continue;
    count++;
    for (let j = 0; j < d; j++) mean[j] += X.data[i * d + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= count;
  const covariance = new Float64Array(d * d);
  for (let i = 0; i < X.rows; i++) {
    if (labels[i] !== component) continue;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        covariance[a * d + b] += (X.data[i * d + a] - mean[a]) * (X.data[i * d + b] - mean[b]);
      }
    }
  }
  for (let t = 0; t < d * d; t++) covariance[t] /= count;
  return { count, mean, covariance };
}
