import { assertUnreachable, createMatrix } from '@mixkit/core';
import type { FitOutcome, FitRequest } from '../fit/fitProtocol.js';
import { type FitListener, runFit, runKMeans } from '../fit/runFit.js';
import { runClusterer } from './runClusterer.js';
import { runMclust } from './runMclust.js';
import { runVariational } from './runVariational.js';

/**
 * The worker's work for any method: EM (`runFit`), the variational mixture, mclust's selection,
 * or a hard clusterer followed by k-means with the page's k and seed (for the panel beside it).
 * A plain function, so it runs (and is tested) in Node too.
 */
export function runMethod(request: FitRequest, listener: FitListener): FitOutcome {
  const method = request.method ?? { kind: 'em' };
  switch (method.kind) {
    case 'em':
      return runFit(request, listener);
    case 'variational':
      return runVariational(request, listener);
    case 'mclust':
      return runMclust(request, listener);
    case 'agglomerative':
    case 'dbscan':
    case 'optics':
    case 'hdbscan': {
      const clusterer = runClusterer(request, method);
      const X = createMatrix(request.rows, request.cols, request.data);
      const kmeans = runKMeans(X, request.families.length, request.seed, listener);
      return {
        clusterer,
        kmeans: {
          converged: kmeans.converged,
          iterations: kmeans.iterations,
          inertia: kmeans.inertia,
          labels: Int32Array.from(kmeans.labels),
        },
      };
    }
    default:
      return assertUnreachable(method, 'method');
  }
}
