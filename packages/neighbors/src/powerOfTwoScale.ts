import type { Matrix } from '@mixkit/core';

/**
 * Rows whose largest magnitude lies in [2^-LIMIT, 2^LIMIT] are used as they are. Beyond it,
 * squared distances (summed over columns and compared, or expanded as ‖x‖² + ‖y‖² − 2x·y)
 * overflow to Infinity near 1e300 or underflow to 0 near 1e-300, and every distance ties.
 */
const LIMIT = 200;

/**
 * The exponent e that brings rows of extreme magnitude near 1: `largest · 2^e` lies in [1, 2)
 * when the largest finite magnitude in `data` is outside [2^-200, 2^200], else 0 (ordinary data
 * keeps its bits). Always within [-1023, 1023], so 2^e is a finite double. Multiplying by a power
 * of two is exact (away from subnormals), so distances among scaled rows are the true ones times
 * 2^e, and an algorithm that only compares and adds distances gives the same answer, with
 * distances scaled back exactly by 2^-e (the same idea as `@mixkit/kmeans`' scaled frame).
 */
export function powerOfTwoExponent(data: Float64Array): number {
  let largest = 0;
  for (let t = 0; t < data.length; t++) {
    const a = Math.abs(data[t]);
    if (a > largest && a < Number.POSITIVE_INFINITY) largest = a;
  }
  if (!(largest > 0) || (largest >= 2 ** -LIMIT && largest <= 2 ** LIMIT)) return 0;
  return Math.max(-1023, Math.min(1023, -Math.floor(Math.log2(largest))));
}

/** `matrix` with every entry times 2^exponent: a new matrix, or `matrix` itself for exponent 0. */
export function scaleByPowerOfTwo(matrix: Matrix, exponent: number): Matrix {
  if (exponent === 0) return matrix;
  const factor = 2 ** exponent;
  const data = new Float64Array(matrix.data.length);
  for (let t = 0; t < data.length; t++) data[t] = matrix.data[t] * factor;
  return { rows: matrix.rows, cols: matrix.cols, data };
}
