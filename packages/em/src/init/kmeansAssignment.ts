import type { RandomSource, ShardProgram } from '@mixkit/core';
import { KMeans } from '@mixkit/kmeans';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import { clustererAssignment } from './clustererAssignment.js';
import type { InitialAssignment } from './initialAssignment.js';

/** Labels of one k-means++-seeded k-means run (scikit-learn's default GMM initialisation). */
export function kmeansAssignment(
  workspace: EmWorkspace,
  random: RandomSource,
): ShardProgram<never, InitialAssignment> {
  return clustererAssignment(workspace, new KMeans({ nClusters: workspace.k, nInit: 1 }), random);
}
