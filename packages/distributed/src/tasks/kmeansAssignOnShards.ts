import type { Matrix } from '@mixkit/core';
import {
  type KMeansAssignSetup,
  kmeansAssignTask,
  type ResolvedKMeansAlgorithm,
} from '@mixkit/kmeans';
import { rowSquaredNorms } from '@mixkit/linalg';
import { DistributedError } from '../errors/distributedError.js';
import type { DistributedTask } from './distributedTask.js';
import { float64s, integer, oneOf, optionalFloat64s, record } from './payloadChecks.js';

const algorithms: readonly ResolvedKMeansAlgorithm[] = ['lloyd', 'hamerly', 'elkan', 'yinyang'];

/**
 * k-means' assignment (`@mixkit/kmeans:assign`) on distributed workers: the algorithm, k, the
 * power-of-two scale and the centering offset travel; a worker puts its own rows in the fit's
 * frame (`row · 2^scaleExponent - offset`, the operation the coordinator did, so the same bits) and computes their squared norms; weights travel once per
 * session for the shard's rows, unless they are all 1. Rounds are cumulative (a shard keeps its
 * Hamerly or Elkan bounds, labels and running sums), so a worker new to a shard replays the
 * session's earlier rounds first.
 */
export const kmeansAssignOnShards: DistributedTask<KMeansAssignSetup> = {
  task: kmeansAssignTask,
  cumulative: true,
  split(setup) {
    const { X, scaleExponent, offset, weights, xNorms, algorithm, k } = setup;
    const d = X.cols;
    return {
      cols: d,
      shared: { algorithm, k, scaleExponent, offset },
      rowsOf: (shard) => {
        const own = weights.subarray(shard.start, shard.end);
        return { weights: own.every((w) => w === 1) ? undefined : own.slice() };
      },
      viewOf: (shard) => [
        X.data.subarray(shard.start * d, shard.end * d),
        xNorms.subarray(shard.start, shard.end),
      ],
    };
  },
  rebuild(shared, rows, source) {
    const setup = record(shared, 'the k-means setup');
    const algorithm = oneOf(setup.algorithm, 'algorithm', algorithms);
    const k = integer(setup.k, 'k', 1, 1 << 16);
    const d = source.cols;
    // k-means picks exponents in [-1023, 1023] (its normalizingExponent).
    const scaleExponent = integer(setup.scaleExponent, 'scaleExponent', -1023, 1023);
    const scale = 2 ** scaleExponent;
    const offset = float64s(setup.offset, 'offset', d);
    const extras = record(rows ?? {}, 'the shard rows');
    const n = source.rows;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) data[i * d + j] = source.data[i * d + j] * scale - offset[j];
    }
    const X: Matrix = { rows: n, cols: d, data };
    const xNorms = rowSquaredNorms(X);
    return {
      setup: {
        X,
        scaleExponent,
        offset,
        weights: optionalFloat64s(extras.weights, 'weights', n) ?? new Float64Array(n).fill(1),
        xNorms,
        labels: new Int32Array(n),
        algorithm,
        k,
      },
      view: [data, xNorms],
    };
  },
  checkInput(wire, setup) {
    const input = record(wire, 'the k-means input');
    const { k } = setup;
    const d = setup.X.cols;
    float64s(input.centers, 'centers', k * d);
    float64s(input.centerNorms, 'centerNorms', k);
    optionalFloat64s(input.shifts, 'shifts', k);
    for (const flag of ['reset', 'assign', 'inertia'] as const) {
      if (typeof input[flag] !== 'boolean') {
        throw new DistributedError('invalid-payload', `the k-means input needs a boolean ${flag}`);
      }
    }
  },
};
