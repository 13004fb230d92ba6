import type { AnyComponentFamily } from '@mixkit/core';
import type {
  GaussianDiagParams,
  GaussianFullParams,
  GaussianSphericalParams,
} from '@mixkit/distributions';

/**
 * A Gaussian component's own mean and d x d covariance (regularisation included), read from the
 * parameters of `@mixkit/distributions`' four Gaussian families and of mclust's fourteen models
 * (`gaussianModel(name)`, kind `gaussian-<name>`, whose parameters are the full ones); undefined
 * for other families.
 */
export function gaussianMoments(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
): { mean: Float64Array; covariance: Float64Array } | undefined {
  switch (family.kind) {
    case 'gaussian-full':
    case 'gaussian-tied': {
      const { mean, covariance } = params as GaussianFullParams;
      return { mean, covariance };
    }
    case 'gaussian-diag': {
      const { mean, variances } = params as GaussianDiagParams;
      return { mean, covariance: diagonal(d, (j) => variances[j] as number) };
    }
    case 'gaussian-spherical': {
      const { mean, variance } = params as GaussianSphericalParams;
      return { mean, covariance: diagonal(d, () => variance) };
    }
    default:
      if (family.kind.startsWith('gaussian-')) {
        const { mean, covariance } = params as GaussianFullParams;
        return { mean, covariance };
      }
      return undefined;
  }
}

function diagonal(d: number, entry: (j: number) => number): Float64Array {
  const out = new Float64Array(d * d);
  for (let j = 0; j < d; j++) out[j * d + j] = entry(j);
  return out;
}
