import { assertUnreachable } from '@mixkit/core';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import { ElkanAssignment } from './elkan.js';
import { HamerlyAssignment } from './hamerly.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';
import { LloydAssignment } from './lloyd.js';
import type { KMeansSearchData } from './searchData.js';
import { YinyangAssignment } from './yinyang.js';

/** The assignment strategy for a resolved algorithm name. */
export function createAssignment(
  algorithm: ResolvedKMeansAlgorithm,
  data: KMeansSearchData,
  k: number,
): AssignmentStrategy {
  switch (algorithm) {
    case 'lloyd':
      return new LloydAssignment(data);
    case 'hamerly':
      return new HamerlyAssignment(data, k);
    case 'elkan':
      return new ElkanAssignment(data, k);
    case 'yinyang':
      return new YinyangAssignment(data, k);
    default:
      return assertUnreachable(algorithm, 'algorithm');
  }
}
