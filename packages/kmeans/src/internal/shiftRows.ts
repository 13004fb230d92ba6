/**
 * out[t] = x[t] − offset[t mod d] for t in [start, end) (start a multiple of d = offset.length):
 * the doubles `frameRows` writes for scale 1. A leaf function ending with its loop, so that V8
 * optimizes it on-stack early in a fresh process.
 */
export function shiftRows(
  x: Float64Array,
  offset: Float64Array,
  out: Float64Array,
  start: number,
  end: number,
): void {
  const d = offset.length;
  for (let o = start; o < end; o += d) {
    for (let j = 0; j < d; j++) out[o + j] = x[o + j] - offset[j];
  }
}
