import { commonOrientation, type OrientationShapeState } from './commonOrientation.js';
import type { CovarianceModel } from './covarianceModel.js';

/** EVE: Σₖ = λ·D·Aₖ·Dᵀ, equal volume and orientation, variable shape (see `commonOrientation`). */
export const eve: CovarianceModel<OrientationShapeState> = {
  name: 'EVE',
  scatter: 'full',
  perComponent: (d) => d - 1,
  shared: (d) => 1 + (d * (d - 1)) / 2,
  covariances: (set, control, warm) => commonOrientation('gaussian-EVE', false, set, control, warm),
};
