import type { RandomSource } from '@mixkit/core';

/**
 * A random d x d covariance `Q diag(lambda) Q^T` with eigenvalues drawn uniformly in
 * `[low, high]` and a uniformly random orientation Q: Gram-Schmidt on a matrix of standard
 * normal deviates gives a Haar-distributed orthogonal matrix (Mezzadri 2007, sec. 4, with the
 * sign convention of a positive R diagonal that Gram-Schmidt gives implicitly). Bounding the
 * eigenvalues bounds the condition number by high / low, unlike a Wishart draw.
 * The result is exactly symmetric (the upper triangle is mirrored).
 */
export function randomCovariance(
  d: number,
  low: number,
  high: number,
  random: RandomSource,
): Float64Array {
  const q = new Float64Array(d * d); // row r is the r-th orthonormal vector
  for (let r = 0; r < d; r++) {
    const row = r * d;
    // Redraw in the (probability-zero) case of a vector dependent on the previous ones.
    for (;;) {
      for (let j = 0; j < d; j++) q[row + j] = random.normal();
      for (let p = 0; p < r; p++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += q[row + j] * q[p * d + j];
        for (let j = 0; j < d; j++) q[row + j] -= dot * q[p * d + j];
      }
      let norm = 0;
      for (let j = 0; j < d; j++) norm += q[row + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-8) {
        for (let j = 0; j < d; j++) q[row + j] /= norm;
        break;
      }
    }
  }
  const eigenvalues = new Float64Array(d);
  for (let r = 0; r < d; r++) eigenvalues[r] = low + (high - low) * random.uniform();
  const sigma = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let r = 0; r < d; r++) s += eigenvalues[r] * q[r * d + i] * q[r * d + j];
      sigma[i * d + j] = s;
      sigma[j * d + i] = s;
    }
  }
  return sigma;
}
