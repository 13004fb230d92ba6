import type { Matrix } from '@mixkit/core';

/**
 * Mean over rows of the highest cosine similarity to any of the centres (each centre normalised
 * first): spherical k-means' objective per row, computed the same direct way for every
 * contender's final centres (independent of @mixkit/linalg and @mixkit/kmeans). Rows are
 * assumed to be unit vectors (the directions workload is).
 */
export function meanCohesion(X: Matrix, centers: ArrayLike<ArrayLike<number>>): number {
  const { rows, cols, data } = X;
  const k = centers.length;
  const flat = new Float64Array(k * cols);
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let c = 0; c < cols; c++) norm += Number(centers[j]?.[c]) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < cols; c++) flat[j * cols + c] = Number(centers[j]?.[c]) * scale;
  }
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += data[i * cols + c] * flat[j * cols + c];
      if (dot > best) best = dot;
    }
    total += best;
  }
  return total / rows;
}
