import { assertUnreachable } from '@mixkit/core';
import type { PlaygroundState } from '../state/playgroundState.js';
import type { MethodRequest } from './methodProtocol.js';

/** The worker's request for the state's method, with that method's own settings. */
export function methodRequestOf(state: PlaygroundState): MethodRequest {
  switch (state.method) {
    case 'em':
    case 'mclust':
      return { kind: state.method };
    case 'variational':
      return {
        kind: 'variational',
        weightPrior: state.weightPrior,
        concentration: state.concentration,
      };
    case 'agglomerative':
      return {
        kind: 'agglomerative',
        linkage: state.linkage,
        cut: state.cut === 'k' ? { nClusters: state.k } : { distanceThreshold: state.height },
      };
    case 'dbscan':
      return { kind: 'dbscan', eps: state.eps, minPts: state.minPts };
    case 'optics':
      return { kind: 'optics', eps: state.eps, maxEps: state.maxEps, minPts: state.minPts };
    case 'hdbscan':
      return { kind: 'hdbscan', minPts: state.minPts, selection: state.selection };
    default:
      return assertUnreachable(state.method, 'method');
  }
}
