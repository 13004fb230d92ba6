import type { Matrix } from '@mixkit/core';

/** The frame rows are written in, and the means their deviations are measured from. */
export interface RowFrame {
  /** The power of two every value is multiplied by. */
  readonly scale: number;
  /** Subtracted from every scaled row (length d): the means, or zeros when not centering. */
  readonly offset: Float64Array;
  /** The column means (length d), scaled. */
  readonly mean: Float64Array;
}

/** Where `frameRows` writes, row by row (and adds, column by column). */
export interface FrameTargets {
  /** Receives the framed rows (n x d), or undefined when the frame is the identity. */
  readonly out: Float64Array | undefined;
  /** Receives each row's squared norm (length n). */
  readonly norms: Float64Array;
  /** One weight per row (length n), read. */
  readonly weights: Float64Array;
  /** Σ (x_ij · scale − mean_j)² is added to entry j (length d). */
  readonly deviations: Float64Array;
}

/**
 * Rows [start, end) of X in the frame (x · scale − offset) into `out`, their squared norms
 * (summed from 0 in column order: `rowSquaredNorms`' bits), the columns' squared deviations from
 * the means (the variance's second pass, in row order), and Σ w ||x||² over the rows (in row
 * order), which it returns. Four rows per pass over the columns, as in `rowStatistics`.
 */
export function frameRows(
  X: Matrix,
  frame: RowFrame,
  into: FrameTargets,
  start: number,
  end: number,
): number {
  const { cols: d, data } = X;
  const { scale, offset, mean } = frame;
  const { out, norms, weights, deviations } = into;
  let weighted = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = i * d;
    let norm0 = 0;
    let norm1 = 0;
    let norm2 = 0;
    let norm3 = 0;
    for (let j = 0; j < d; j++) {
      const w0 = data[o + j] * scale;
      const w1 = data[o + d + j] * scale;
      const w2 = data[o + 2 * d + j] * scale;
      const w3 = data[o + 3 * d + j] * scale;
      const f = offset[j];
      const v0 = w0 - f;
      const v1 = w1 - f;
      const v2 = w2 - f;
      const v3 = w3 - f;
      if (out !== undefined) {
        out[o + j] = v0;
        out[o + d + j] = v1;
        out[o + 2 * d + j] = v2;
        out[o + 3 * d + j] = v3;
      }
      norm0 += v0 * v0;
      norm1 += v1 * v1;
      norm2 += v2 * v2;
      norm3 += v3 * v3;
      const m = mean[j];
      const e0 = w0 - m;
      const e1 = w1 - m;
      const e2 = w2 - m;
      const e3 = w3 - m;
      let deviation = deviations[j];
      deviation += e0 * e0;
      deviation += e1 * e1;
      deviation += e2 * e2;
      deviation += e3 * e3;
      deviations[j] = deviation;
    }
    norms[i] = norm0;
    norms[i + 1] = norm1;
    norms[i + 2] = norm2;
    norms[i + 3] = norm3;
    weighted += weights[i] * norm0;
    weighted += weights[i + 1] * norm1;
    weighted += weights[i + 2] * norm2;
    weighted += weights[i + 3] * norm3;
  }
  for (; i < end; i++) {
    const o = i * d;
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const w = data[o + j] * scale;
      const v = w - offset[j];
      if (out !== undefined) out[o + j] = v;
      norm += v * v;
      const e = w - mean[j];
      deviations[j] += e * e;
    }
    norms[i] = norm;
    weighted += weights[i] * norm;
  }
  return weighted;
}
