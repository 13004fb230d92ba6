import { assertUnreachable, createMatrix, type Matrix, NOISE } from '@mixkit/core';
import { Dbscan, Hdbscan, Optics } from '@mixkit/density';
import { AgglomerativeClustering, type WardStrategy } from '@mixkit/hierarchical';
import { createColorBlender } from '../color/colorBlender.js';
import type { FitRequest } from '../fit/fitProtocol.js';
import type { Radius } from '../state/playgroundState.js';
import { COMPONENT_PALETTE } from '../views/palette.js';
import { clusterColors } from './clusterColors.js';
import { condensedTreeLayout } from './condensedTreeLayout.js';
import { cutHeightForK, dendrogramLayout } from './dendrogramLayout.js';
import { LINKAGE_MATRIX_MAX_ROWS } from './limits.js';
import type { ClustererResult, MethodRequest } from './methodProtocol.js';
import { reachabilityBars } from './reachabilityBars.js';
import { suggestEps } from './suggestEps.js';

const blender = createColorBlender(COMPONENT_PALETTE);

/** OPTICS' neighbourhood bound for `maxeps=auto`: this many times the extraction radius. */
export const AUTO_MAX_EPS_FACTOR = 3;

/** A hard clusterer's request. */
export type ClustererRequest = Extract<
  MethodRequest,
  { kind: 'agglomerative' | 'dbscan' | 'optics' | 'hdbscan' }
>;

/** Ward's route: SciPy's chain on the distance matrix up to 5,000 rows, cluster centroids above. */
export function wardStrategyFor(rows: number): WardStrategy {
  return rows > LINKAGE_MATRIX_MAX_ROWS ? 'centroids' : 'auto';
}

/** A radius with `auto` resolved from the data (`suggestEps`). */
export function resolveRadius(radius: Radius, X: Matrix, minPts: number): number {
  return radius === 'auto' ? suggestEps(X, minPts) : radius;
}

/** OPTICS' neighbourhood bound: `auto` is three times the extraction radius; never below it. */
export function opticsMaxEps(maxEps: Radius, eps: number): number {
  return Math.max(maxEps === 'auto' ? AUTO_MAX_EPS_FACTOR * eps : maxEps, eps);
}

/**
 * Runs a hard clusterer of `@mixkit/hierarchical` or `@mixkit/density` on the request's data
 * (in the worker: a 20,000-row HDBSCAN takes seconds) and prepares what its view draws: the
 * truncated dendrogram and its cut, OPTICS' binned reachability plot, HDBSCAN's condensed tree;
 * each row's color (noise gray, HDBSCAN's members faded by their membership probability,
 * DBSCAN's border rows lighter than its core samples).
 */
export function runClusterer(request: FitRequest, method: ClustererRequest): ClustererResult {
  const X = createMatrix(request.rows, request.cols, request.data);
  const notes: string[] = [];
  switch (method.kind) {
    case 'agglomerative': {
      const { linkage, cut } = method;
      const wardStrategy = wardStrategyFor(X.rows);
      if (X.rows > LINKAGE_MATRIX_MAX_ROWS && (linkage === 'complete' || linkage === 'average')) {
        throw new RangeError(
          `${linkage} linkage holds all n(n − 1)/2 distances: the page runs it on at most ${LINKAGE_MATRIX_MAX_ROWS.toLocaleString('en-US')} rows (this data has ${X.rows.toLocaleString('en-US')}); Ward and single linkage need no matrix`,
        );
      }
      if (linkage === 'ward' && wardStrategy === 'centroids') {
        notes.push(
          `Ward on ${X.rows.toLocaleString('en-US')} rows: computed on cluster centroids (no n x n matrix; the same merges).`,
        );
      }
      const model = new AgglomerativeClustering({ linkage, wardStrategy, ...cut }).fit(X);
      const cutHeight =
        'nClusters' in cut
          ? cutHeightForK(model.linkage, X.rows, cut.nClusters)
          : cut.distanceThreshold;
      return {
        kind: 'agglomerative',
        labels: model.labels,
        nClusters: model.nClusters,
        noise: 0,
        colors: clusterColors(model.labels, blender),
        dendrogram: dendrogramLayout(model.linkage, X.rows, model.labels, cutHeight),
        notes,
      };
    }
    case 'dbscan': {
      const { minPts } = method;
      const eps = resolveRadius(method.eps, X, minPts);
      if (method.eps === 'auto') notes.push(autoNote('eps', eps, minPts));
      const model = new Dbscan({ eps, minPts }).fit(X);
      // Core samples in full color, border rows (within eps of one, not core) lighter.
      const strength = new Float64Array(X.rows).fill(0.35);
      for (const i of model.coreSampleIndices) strength[i] = 1;
      return {
        kind: 'dbscan',
        labels: model.labels,
        nClusters: model.nClusters,
        noise: countNoise(model.labels),
        colors: clusterColors(model.labels, blender, strength),
        coreSamples: model.coreSampleIndices.length,
        eps,
        notes,
      };
    }
    case 'optics': {
      const { minPts } = method;
      const eps = resolveRadius(method.eps, X, minPts);
      const maxEps = opticsMaxEps(method.maxEps, eps);
      if (method.eps === 'auto') notes.push(autoNote('eps', eps, minPts));
      const model = new Optics({ minPts, eps: maxEps, epsCluster: eps }).fit(X);
      return {
        kind: 'optics',
        labels: model.labels,
        nClusters: model.nClusters,
        noise: countNoise(model.labels),
        colors: clusterColors(model.labels, blender),
        eps,
        maxEps,
        reachability: reachabilityBars(model.order, model.reachability, model.labels, eps, maxEps),
        notes,
      };
    }
    case 'hdbscan': {
      const model = new Hdbscan({ minPts: method.minPts, clusterSelection: method.selection }).fit(
        X,
      );
      return {
        kind: 'hdbscan',
        labels: model.labels,
        nClusters: model.nClusters,
        noise: countNoise(model.labels),
        colors: clusterColors(model.labels, blender, model.probabilities),
        probabilities: model.probabilities,
        stabilities: model.clusterStabilities,
        condensedTree: condensedTreeLayout(model),
        notes,
      };
    }
    default:
      return assertUnreachable(method, 'clusterer');
  }
}

function autoNote(name: string, value: number, minPts: number): string {
  return `${name} = ${value.toPrecision(4)}, chosen from the data: three rows in four have ${minPts} rows within it.`;
}

function countNoise(labels: Int32Array): number {
  let noise = 0;
  for (const label of labels) if (label === NOISE) noise++;
  return noise;
}
