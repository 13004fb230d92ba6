import type { Matrix } from '@mixkit/core';

/**
 * What every synthetic generator returns: the data, the true component of each row, and the
 * true parameters the data were drawn from, so tests and demos can score how well a fit
 * recovers them.
 *
 * @typeParam Parameters - the generator's true parameters (means, covariances, rates, ...)
 */
export interface SyntheticDataset<Parameters> {
  /** n x d data matrix, row-major. */
  readonly X: Matrix;
  /** True component of each row, in [0, nClusters). */
  readonly labels: Int32Array;
  /** The parameters the rows were drawn from. */
  readonly parameters: Parameters;
}
