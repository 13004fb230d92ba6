import { assertUnreachable } from '@mixkit/core';
import type { KernelArena } from '@mixkit/linalg';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import { ElkanAssignment } from './elkan.js';
import { HamerlyAssignment } from './hamerly.js';
import type { KMeansData } from './kmeansData.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';
import { LloydAssignment } from './lloyd.js';
import { type KMeansSearchData, withNearestCenters } from './searchData.js';
import { YinyangAssignment } from './yinyang.js';

/**
 * A shard's rows as its algorithm reads them: with the nearest-centre search for the algorithms
 * that run it (Lloyd, Hamerly, Yinyang), without it for Elkan, whose bounds compute their own
 * distances (the search's kernel memory and float32 copy of the rows would go unused).
 */
export type AssignmentData =
  | { readonly algorithm: 'elkan'; readonly data: KMeansData }
  | {
      readonly algorithm: Exclude<ResolvedKMeansAlgorithm, 'elkan'>;
      readonly data: KMeansSearchData;
    };

/**
 * `data` set up once for `algorithm` (see `AssignmentData`), the search's kernel arrays taken
 * from `arena` when given (see `withNearestCenters`).
 */
export function assignmentData(
  algorithm: ResolvedKMeansAlgorithm,
  data: KMeansData,
  k: number,
  arena?: KernelArena,
): AssignmentData {
  return algorithm === 'elkan'
    ? { algorithm, data }
    : { algorithm, data: withNearestCenters(data, k, arena) };
}

/** The assignment strategy for a resolved algorithm over its data. */
export function createAssignment(input: AssignmentData, k: number): AssignmentStrategy {
  switch (input.algorithm) {
    case 'lloyd':
      return new LloydAssignment(input.data);
    case 'hamerly':
      return new HamerlyAssignment(input.data, k);
    case 'elkan':
      return new ElkanAssignment(input.data, k);
    case 'yinyang':
      return new YinyangAssignment(input.data, k);
    default:
      return assertUnreachable(input, 'algorithm');
  }
}
