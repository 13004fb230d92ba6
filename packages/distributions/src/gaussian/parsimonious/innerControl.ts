import { DegenerateComponentError } from '@mixkit/core';

/**
 * Inner iterations of the models whose M-step has no closed form (VEI, VEV, VEE, EVE, VVE):
 * mclust's `emControl()$tol[2]` and `$itmax[2]`.
 */
export interface InnerControl {
  /** Relative change below which the inner iterations stop. Default √ε ≈ 1.49e-8 (mclust's). */
  readonly tolerance: number;
  /** Inner iteration cap. Default 2³¹ − 1 (mclust's `.Machine$integer.max`). */
  readonly maxIterations: number;
}

/** mclust's defaults. */
export const defaultInnerControl: InnerControl = {
  tolerance: Math.sqrt(Number.EPSILON),
  maxIterations: 2147483647,
};

/** mclust's `eps` (`.Machine$double.eps`): the floor under which a scale or shape is singular. */
export const EPS = Number.EPSILON;

/** √ε, the floor mclust's QR-based models put under a reciprocal condition number. */
export const RTEPS = Math.sqrt(Number.EPSILON);

/** The error of a model whose covariance estimate is singular (mclust returns NA there). */
export function singular(kind: string, detail: string): DegenerateComponentError {
  return new DegenerateComponentError(kind, 'singular', detail);
}
