import type { Matrix } from '@mixkit/core';
import { Dbscan, Hdbscan, Optics } from '@mixkit/density';
import { AgglomerativeClustering } from '@mixkit/hierarchical';
import type { FitSettings, MethodSettings } from '../options/fitSettings.js';
import type { Candidate } from './candidate.js';

/** The algorithms whose labels come from one pass over the data, not from iterations. */
export type ClustererMethod = Extract<
  MethodSettings,
  { algorithm: 'agglomerative' | 'dbscan' | 'optics' | 'hdbscan' }
>;

/**
 * Agglomerative clustering (`@mixkit/hierarchical`), DBSCAN, OPTICS or HDBSCAN
 * (`@mixkit/density`) on the loaded matrix, with the command's options. Each runs as its
 * `fitAsync`, which yields to the event loop on a 25 ms budget, so an interrupt (`signal`)
 * stops it within about 100 ms; noise is the libraries' `NOISE` (-1). Ward's linkage keeps its n(n − 1)/2 distances only while they fit in
 * `--memory-limit`, and works on cluster centroids above it (same merges, O(n·d) memory).
 */
export async function fitClusterer(
  X: Matrix,
  settings: FitSettings,
  method: ClustererMethod,
  signal?: AbortSignal,
): Promise<Candidate> {
  signal?.throwIfAborted();
  const options = signal === undefined ? {} : { signal };
  switch (method.algorithm) {
    case 'agglomerative': {
      const condensedBytes = ((X.rows * (X.rows - 1)) / 2) * 8;
      const model = await new AgglomerativeClustering({
        linkage: method.linkage,
        metric: method.metric,
        wardStrategy: condensedBytes <= settings.memoryLimit ? 'auto' : 'centroids',
        ...(method.height === undefined
          ? { nClusters: settings.k[0] ?? 2 }
          : { distanceThreshold: method.height }),
      }).fitAsync(X, options);
      return { algorithm: 'agglomerative', k: model.nClusters, model, method };
    }
    case 'dbscan': {
      const { eps, minPts, metric } = method;
      const model = await new Dbscan({ eps, minPts, metric }).fitAsync(X, options);
      return { algorithm: 'dbscan', k: model.nClusters, model, method };
    }
    case 'optics': {
      const { eps, epsCluster, minPts, metric } = method;
      const model = await new Optics({
        minPts,
        metric,
        epsCluster,
        ...(eps === undefined ? {} : { eps }),
      }).fitAsync(X, options);
      return { algorithm: 'optics', k: model.nClusters, model, method };
    }
    case 'hdbscan': {
      const { minPts, clusterSelection, metric } = method;
      const model = await new Hdbscan({ minPts, clusterSelection, metric }).fitAsync(X, options);
      return { algorithm: 'hdbscan', k: model.nClusters, model, method };
    }
  }
}
