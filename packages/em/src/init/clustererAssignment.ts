import {
  type Clusterer,
  dropSteps,
  InvalidInputError,
  type RandomSource,
  type ShardProgram,
} from '@mixkit/core';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { InitialAssignment } from './initialAssignment.js';
import { labelsAssignment } from './labelsAssignment.js';

/**
 * One-hot responsibilities from the labels of any hard clusterer fitted to the data (with the
 * fit's sample weights and this restart's random source); scikit-learn's `init_params='kmeans'`
 * is this with k-means. The clusterer is only used through core's `Clusterer` interface; one
 * with a `fitProgram` runs on the fit's executor and time budget (its steps are not EM's).
 */
export function* clustererAssignment(
  workspace: EmWorkspace,
  clusterer: Clusterer,
  random: RandomSource,
): ShardProgram<never, InitialAssignment> {
  const { initX: X, n, k, sampleWeight } = workspace;
  if (clusterer.nClusters !== k) {
    throw new InvalidInputError(
      { argument: 'init.clusterer', value: clusterer.nClusters },
      `expected a clusterer of ${k} clusters (one per component)`,
    );
  }
  const options = sampleWeight === undefined ? { random } : { random, sampleWeight };
  const model =
    clusterer.fitProgram === undefined
      ? clusterer.fit(X, options)
      : yield* dropSteps(clusterer.fitProgram(X, options));
  const labels = model.labels?.length === n ? model.labels : model.predict(X);
  return labelsAssignment(labels, n, k, 'init.clusterer');
}
