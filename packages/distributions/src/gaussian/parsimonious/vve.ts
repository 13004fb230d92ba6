import { commonOrientation, type OrientationShapeState } from './commonOrientation.js';
import type { CovarianceModel } from './covarianceModel.js';

/** VVE: Σₖ = λₖ·D·Aₖ·Dᵀ, a common orientation only (see `commonOrientation`). */
export const vve: CovarianceModel<OrientationShapeState> = {
  name: 'VVE',
  scatter: 'full',
  perComponent: (d) => d,
  shared: (d) => (d * (d - 1)) / 2,
  covariances: (set, control, warm) => commonOrientation('gaussian-VVE', true, set, control, warm),
};
