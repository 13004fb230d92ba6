import { assertUnreachable, createMatrix } from '@mixkit/core';
import { loadFaithful, loadIris, loadWine, makeBlobs, makeGaussianMixture } from '@mixkit/datasets';
import type { PlaygroundState } from '../state/playgroundState.js';
import { makeDirections } from './makeDirections.js';
import { makeMoons } from './makeMoons.js';
import type { PlaygroundData } from './playgroundData.js';
import type { UserData } from './readUserTable.js';

/** Extent of both axes for clicked-in data. */
export const CUSTOM_DOMAIN: readonly [number, number] = [0, 10];

/**
 * The data set the state names (seeded, so the same state always gives the same rows); for the
 * `user` data set, the user's table, which must have been read already.
 */
export function loadData(state: PlaygroundState, user?: UserData): PlaygroundData {
  switch (state.dataset) {
    case 'faithful':
    case 'iris':
    case 'wine': {
      const loaded =
        state.dataset === 'faithful'
          ? loadFaithful()
          : state.dataset === 'iris'
            ? loadIris()
            : loadWine();
      return {
        X: loaded.X,
        featureNames: loaded.featureNames,
        ...(loaded.labels ? { trueLabels: loaded.labels } : {}),
      };
    }
    case 'blobs': {
      // Four isotropic blobs of different spreads: k-means' equal-variance assumption shows.
      const blobs = makeBlobs({
        nSamples: state.n,
        centers: 4,
        clusterStd: [0.6, 1, 1.6, 2.4],
        random: state.dataSeed,
      });
      return { X: blobs.X, featureNames: ['x1', 'x2'], trueLabels: blobs.labels };
    }
    case 'mixture': {
      // Three anisotropic, rotated Gaussians: where full covariances beat k-means.
      const mixture = makeGaussianMixture({
        nSamples: state.n,
        nClusters: 3,
        varianceRange: [0.1, 5],
        meanBox: [-7, 7],
        random: state.dataSeed,
      });
      return { X: mixture.X, featureNames: ['x1', 'x2'], trueLabels: mixture.labels };
    }
    case 'moons':
      return makeMoons(state.n, state.dataSeed);
    case 'directions':
      return makeDirections(state.n, state.dataSeed);
    case 'custom': {
      const data = new Float64Array(state.points.length * 2);
      state.points.forEach(([x, y], i) => {
        data[2 * i] = x;
        data[2 * i + 1] = y;
      });
      return {
        X: createMatrix(state.points.length, 2, data),
        featureNames: ['x', 'y'],
        domain: CUSTOM_DOMAIN,
      };
    }
    case 'user':
      if (!user) {
        throw new Error(
          'no table yet: drop a CSV or TSV file on the page, choose one, or paste a table',
        );
      }
      return user.data;
    default:
      return assertUnreachable(state.dataset, 'dataset');
  }
}

/** Column `column` of the data as an n x 1 matrix (the 1-D view fits one column). */
export function selectColumn(data: PlaygroundData, column: number): PlaygroundData {
  const { rows, cols } = data.X;
  const c = Math.min(column, cols - 1);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = data.X.data[i * cols + c] as number;
  return {
    X: createMatrix(rows, 1, out),
    featureNames: [data.featureNames[c] ?? `column ${c}`],
    ...(data.trueLabels ? { trueLabels: data.trueLabels } : {}),
  };
}
