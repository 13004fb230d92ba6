import { type GaussianModelName, gaussianModelCovarianceParameters } from '@mixkit/distributions';

/**
 * mclust's `nMclustParams(modelName, d, G)`: G·d means, the covariance terms (`nVarParams`) and
 * G − 1 mixing weights.
 */
export function mclustParameterCount(model: GaussianModelName, d: number, G: number): number {
  return G * d + gaussianModelCovarianceParameters(model, d, G) + G - 1;
}
