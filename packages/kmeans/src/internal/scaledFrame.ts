import type { Matrix } from '@mixkit/core';
import { largestMagnitude, normalizingExponent } from './powerOfTwo.js';

/**
 * The coordinates k-means computes in: a row x becomes x · scale − offset. `scale` is a power of
 * two (1 for data of ordinary magnitude, see `normalizingExponent`), so x · scale is exact;
 * `offset` is the centering in those scaled units (zeros when the data is not centered).
 */
export interface ScaledFrame {
  /** 2^exponent. */
  readonly scale: number;
  readonly exponent: number;
  /** Subtracted from every scaled row (length d). */
  readonly offset: Float64Array;
}

/** What `frameOf` finds besides the frame. */
export interface FrameStatistics {
  readonly frame: ScaledFrame;
  /** Mean of the per-column (unweighted) variances, in scaled units. */
  readonly meanVariance: number;
  /** Whether the data is centered (offset not all zero). */
  readonly centered: boolean;
}

/**
 * The frame of X: the power-of-two scale that brings its largest magnitude near 1 when it is
 * extreme, and the column means as offset, when `center` is `'always'`, or under `'auto'`
 * when some column's mean exceeds its standard deviation (where the ‖x‖² + ‖c‖² − 2x·c
 * expansion of distances loses digits; scikit-learn always centers).
 */
export function frameOf(X: Matrix, center: 'always' | 'auto'): FrameStatistics {
  const { rows: n, cols: d, data } = X;
  const exponent = normalizingExponent(largestMagnitude(data));
  const scale = 2 ** exponent;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mean[j] += data[o + j] * scale;
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j] * scale - mean[j];
      variance[j] += v * v;
    }
  }
  let meanVariance = 0;
  let centered = center === 'always';
  for (let j = 0; j < d; j++) {
    variance[j] /= n;
    meanVariance += variance[j];
    if (mean[j] * mean[j] > variance[j]) centered = true;
  }
  meanVariance /= d;
  const offset = centered ? mean : new Float64Array(d);
  return { frame: { scale, exponent, offset }, meanVariance, centered };
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
