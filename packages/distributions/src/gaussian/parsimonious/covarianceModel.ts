import type { ScatterMode } from '@mixkit/linalg';
import type { GaussianModelName } from './gaussianModelName.js';
import type { InnerControl } from './innerControl.js';
import type { ScatterSet } from './scatterSet.js';

/**
 * The covariance M-step of one of mclust's models: from the weights and scatter matrices of the
 * G components estimated together, their covariance matrices. A model whose M-step iterates
 * (VEI, VEV, EVE, VVE) returns where its inner iterations ended as `warm`, and gets it back on
 * the next M-step of the same fit, as mclust's `me*` routines carry shape, scale and orientation
 * from one EM iteration to the next.
 */
export interface CovarianceModel<Warm = never> {
  readonly name: GaussianModelName;
  /** `'diagonal'` when the M-step reads only the diagonals of the scatter matrices. */
  readonly scatter: ScatterMode;
  /**
   * Free covariance parameters per component and shared by all: mclust's
   * `nVarParams(name, d, G)` = shared(d) + G·perComponent(d).
   */
  perComponent(d: number): number;
  shared(d: number): number;
  /**
   * The d x d covariance of each component (row-major; components sharing one matrix may share
   * the array). Throws `DegenerateComponentError('singular')` where mclust's M-step would stop
   * with a singular covariance.
   */
  covariances(
    set: ScatterSet,
    control: InnerControl,
    warm: Warm | undefined,
  ): { readonly covariances: Float64Array[]; readonly warm?: Warm };
}
