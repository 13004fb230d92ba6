/**
 * The transpose of an upper-triangular d x d matrix U as a lower-triangular one, so that the
 * column walks of x·U become contiguous row walks (O(d²) once per call, against O(n·d²) work).
 * Writes the lower triangle of `out` (allocated when omitted); entries above it are not read.
 */
export function transposeUpper(
  d: number,
  U: Float64Array,
  out: Float64Array = new Float64Array(d * d),
): Float64Array {
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) out[j * d + k] = U[k * d + j];
  }
  return out;
}
