import {
  assertUnreachable,
  type ComponentFamily,
  type FamilySpec,
  InvalidInputError,
} from '@mixkit/core';
import { specOptions } from '../json/specOptions.js';
import { type GaussianDiagParams, gaussianDiag } from './diag.js';
import { type GaussianFullParams, gaussianFull } from './full.js';
import type { GaussianOptions } from './shared.js';
import { type GaussianSphericalParams, gaussianSpherical } from './spherical.js';
import type { GaussianStats } from './statistics.js';
import { type GaussianTiedParams, gaussianTied } from './tied.js';

/** scikit-learn's `covariance_type`: which Gaussian family models each component. */
export type CovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/** The parameters of one component, by covariance type. */
export interface GaussianParamsByType {
  /** Each component has its own full covariance. */
  readonly full: GaussianFullParams;
  /** Each component has its own diagonal covariance. */
  readonly diag: GaussianDiagParams;
  /** Each component has its own σ²·I. */
  readonly spherical: GaussianSphericalParams;
  /** All components share one full covariance. */
  readonly tied: GaussianTiedParams;
}

/** The Gaussian family of covariance type `T`, typed by its parameters. */
export type GaussianFamily<T extends CovarianceType = CovarianceType> = ComponentFamily<
  GaussianParamsByType[T],
  GaussianStats
>;

/** Every covariance type, in scikit-learn's order. */
export const covarianceTypes: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/**
 * The Gaussian component family of a scikit-learn covariance type (`'full'` → `gaussianFull`,
 * `'diag'` → `gaussianDiag`, `'spherical'` → `gaussianSpherical`, `'tied'` → `gaussianTied`),
 * regularised with `regCovar` (scikit-learn's `reg_covar`, default 1e-6). For code that picks
 * the covariance type by name (apps, model selection) and then builds mixtures or products.
 */
export function gaussianFamily<T extends CovarianceType>(
  covarianceType: T,
  options: GaussianOptions = {},
): GaussianFamily<T> {
  const type: CovarianceType = covarianceType;
  switch (type) {
    case 'full':
      return gaussianFull(options) as GaussianFamily<T>;
    case 'diag':
      return gaussianDiag(options) as GaussianFamily<T>;
    case 'spherical':
      return gaussianSpherical(options) as GaussianFamily<T>;
    case 'tied':
      return gaussianTied(options) as GaussianFamily<T>;
    default:
      return assertUnreachable(type, 'covarianceType');
  }
}

/**
 * Rebuilds one of the four Gaussian families from its `spec()`: a `FamilyResolver` for models
 * that hold only Gaussian components (it imports no other family, so a bundle that loads such a
 * model carries no other family's code). Throws `InvalidInputError` for any other kind.
 */
export function gaussianFamilyFromSpec(spec: FamilySpec): GaussianFamily {
  const type = covarianceTypes.find((t) => spec?.kind === `gaussian-${t}`);
  if (type === undefined) {
    throw new InvalidInputError(
      { argument: 'spec.kind', value: spec?.kind },
      'expected a Gaussian family (gaussian-full, gaussian-diag, gaussian-spherical, gaussian-tied)',
    );
  }
  return gaussianFamily(type, specOptions<GaussianOptions>(spec.options, spec.kind));
}
