import type { Matrix } from '@mixkit/core';

/**
 * The coordinates k-means computes in: a row x becomes x · scale − offset. `scale` is a power of
 * two (1 for data of ordinary magnitude, see `normalizingExponent` and `prepareKmeansProgram`), so x · scale is exact;
 * `offset` is the centering in those scaled units (zeros when the data is not centered).
 */
export interface ScaledFrame {
  /** 2^exponent. */
  readonly scale: number;
  readonly exponent: number;
  /** Subtracted from every scaled row (length d). */
  readonly offset: Float64Array;
}

/**
 * Rows [start, end) of X in the frame, into `out` from its row 0 (row-major, X.cols wide).
 * With scale 1 this is x − offset, the same bits as before scaling existed.
 */
export function toFrame(
  X: Matrix,
  start: number,
  end: number,
  frame: Pick<ScaledFrame, 'scale' | 'offset'>,
  out: Float64Array,
): Float64Array {
  const d = X.cols;
  const { scale, offset } = frame;
  const x = X.data;
  for (let i = start; i < end; i++) {
    const o = i * d;
    const b = (i - start) * d;
    for (let j = 0; j < d; j++) out[b + j] = x[o + j] * scale - offset[j];
  }
  return out;
}

/** Rows of the frame (e.g. centers) back in the data's units: (c + offset) / scale. */
export function fromFrame(C: Matrix, frame: Pick<ScaledFrame, 'scale' | 'offset'>): Float64Array {
  const d = C.cols;
  const out = new Float64Array(C.data.length);
  for (let t = 0; t < out.length; t++) out[t] = (C.data[t] + frame.offset[t % d]) / frame.scale;
  return out;
}
