import type { Matrix } from '@mixkit/core';

/**
 * Sum of squared distances from each row to its nearest center: the k-means objective, computed
 * the same direct way for every contender's final centers (independent of @mixkit/linalg).
 */
export function inertia(X: Matrix, centers: ArrayLike<ArrayLike<number>>): number {
  const { rows, cols, data } = X;
  const k = centers.length;
  const flat = new Float64Array(k * cols);
  for (let j = 0; j < k; j++) for (let c = 0; c < cols; c++) flat[j * cols + c] = centers[j][c];
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let s = 0;
      const center = j * cols;
      for (let c = 0; c < cols; c++) {
        const diff = data[row + c] - flat[center + c];
        s += diff * diff;
      }
      if (s < best) best = s;
    }
    total += best;
  }
  return total;
}
