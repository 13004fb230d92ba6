import type { RandomSource } from '@mixkit/core';
import { kmeansPlusPlus } from '@mixkit/kmeans';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { InitialAssignment } from './initialAssignment.js';

/**
 * k-means++ seed rows, each the sole initial member of one component (scikit-learn's
 * `init_params='k-means++'`).
 */
export function kmeansPlusPlusAssignment(
  workspace: EmWorkspace,
  random: RandomSource,
): InitialAssignment {
  const { initX: X, k, sampleWeight } = workspace;
  return { kind: 'seeds', seeds: kmeansPlusPlus(X, k, random, sampleWeight) };
}
