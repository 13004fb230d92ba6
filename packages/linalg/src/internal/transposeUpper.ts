/**
 * The transpose of an upper-triangular d x d matrix U as a lower-triangular one, so that the
 * column walks of x·U become contiguous row walks (O(d²) once per call, against O(n·d²) work).
 */
export function transposeUpper(d: number, U: Float64Array): Float64Array {
  const T = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) T[j * d + k] = U[k * d + j];
  }
  return T;
}
