/**
 * The names of mclust's fourteen Gaussian covariance models (Banfield & Raftery 1993; Celeux &
 * Govaert 1995), Σₖ = λₖ·Dₖ·Aₖ·Dₖᵀ with volume λₖ, shape Aₖ (diagonal, det 1) and orientation
 * Dₖ (orthogonal). The letters say, in the order volume, shape, orientation, whether the term is
 * Equal across components, Variable, or the Identity (I: spherical or axis-aligned).
 */
export type GaussianModelName =
  | 'EII'
  | 'VII'
  | 'EEI'
  | 'VEI'
  | 'EVI'
  | 'VVI'
  | 'EEE'
  | 'VEE'
  | 'EVE'
  | 'VVE'
  | 'EEV'
  | 'VEV'
  | 'EVV'
  | 'VVV';

/** Every model, in mclust's order (`mclust.options("emModelNames")`). */
export const gaussianModelNames: readonly GaussianModelName[] = [
  'EII',
  'VII',
  'EEI',
  'VEI',
  'EVI',
  'VVI',
  'EEE',
  'VEE',
  'EVE',
  'VVE',
  'EEV',
  'VEV',
  'EVV',
  'VVV',
];
