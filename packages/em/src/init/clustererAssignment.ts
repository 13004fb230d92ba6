import { type Clusterer, InvalidInputError, type RandomSource } from '@mixkit/core';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { InitialAssignment } from './initialAssignment.js';
import { labelsAssignment } from './labelsAssignment.js';

/**
 * One-hot responsibilities from the labels of any hard clusterer fitted to the data (with the
 * fit's sample weights and this restart's random source); scikit-learn's `init_params='kmeans'`
 * is this with k-means. The clusterer is only used through core's `Clusterer` interface.
 */
export function clustererAssignment(
  workspace: EmWorkspace,
  clusterer: Clusterer,
  random: RandomSource,
): InitialAssignment {
  const { X, n, k, sampleWeight } = workspace;
  if (clusterer.nClusters !== k) {
    throw new InvalidInputError(
      { argument: 'init.clusterer', value: clusterer.nClusters },
      `expected a clusterer of ${k} clusters (one per component)`,
    );
  }
  const model = clusterer.fit(
    X,
    sampleWeight === undefined ? { random } : { random, sampleWeight },
  );
  return labelsAssignment(model.predict(X), n, k, 'init.clusterer');
}
