import { assertUnreachable, createMatrix } from '@mixkit/core';
import type { FitExecutor } from '../fit/fitExecutor.js';
import type { FitOutcome, FitRequest } from '../fit/fitProtocol.js';
import { type FitListener, runFit, runKMeans } from '../fit/runFit.js';
import { runClusterer } from './runClusterer.js';
import { runMclust } from './runMclust.js';
import { runVariational } from './runVariational.js';

/**
 * The worker's work for any method: EM (`runFit`) and mclust's selection (its grid's fits) on
 * `executor`'s pool of Web Workers when there is one, the variational mixture, or a hard
 * clusterer followed by k-means with the page's k and seed (for the panel beside it). The
 * variational mixture and the hard clusterers run in the fit worker alone (`executor:
 * 'in-thread'`). A plain function, so it runs (and is tested) in Node.
 */
export async function runMethod(
  request: FitRequest,
  listener: FitListener,
  executor?: FitExecutor,
): Promise<FitOutcome> {
  const method = request.method ?? { kind: 'em' };
  switch (method.kind) {
    case 'em':
      return runFit(request, listener, executor);
    case 'variational':
      return runVariational(request, listener);
    case 'mclust':
      return runMclust(request, listener, executor);
    case 'agglomerative':
    case 'dbscan':
    case 'optics':
    case 'hdbscan': {
      const clusterer = runClusterer(request, method);
      const X = createMatrix(request.rows, request.cols, request.data);
      const kmeans = runKMeans(X, request.families.length, request.seed, listener);
      return {
        clusterer,
        executor: 'in-thread',
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
