import {
  drainShardProgram,
  InThreadSession,
  InvalidInputError,
  inThreadContext,
  type Matrix,
  type ShardExecutor,
} from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { rowSquaredNorms } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import { KMeans } from './kmeans.js';
import { prepareKmeansData, prepareKmeansProgram, prepareShardRows } from './kmeansData.js';

/** 150,000 x 2 around the origin: three shards of the preparation (65,536 rows each). */
const { X: near } = makeBlobs({
  nSamples: 150_000,
  centers: [
    [-4, -4],
    [4, 4],
    [-4, 4],
    [4, -4],
  ],
  random: 5,
});

/** Whether two arrays hold the same values (a boolean: a failing diff of 300,000 values is slow). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) if (!Object.is(a[t], b[t])) return false;
  return true;
}

function shifted(X: Matrix, by: number): Matrix {
  return { rows: X.rows, cols: X.cols, data: X.data.map((v) => v + by) };
}

/** Column means as a serial sum over the rows, and the variances by two passes. */
function twoPass(X: Matrix): { mean: Float64Array; meanVariance: number } {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let meanVariance = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[i * d + j] - mean[j]) ** 2;
    meanVariance += s / n;
  }
  return { mean, meanVariance: meanVariance / d };
}

describe('prepareKmeansData', () => {
  it('runs over several shards at this size', () => {
    expect(Math.ceil(near.rows / prepareShardRows(near.rows, near.cols))).toBe(3);
  });

  it('uses data near the origin as it is, with rowSquaredNorms bits and unit weights', () => {
    const data = prepareKmeansData(near);
    expect(data.X === near).toBe(true);
    expect(Array.from(data.frame.offset)).toEqual([0, 0]);
    expect(same(data.xNorms, rowSquaredNorms(near))).toBe(true);
    expect(data.weights.every((w) => w === 1)).toBe(true);
    let total = 0;
    for (const norm of data.xNorms) total += norm;
    expect(Math.abs(data.weightedSquaredNorm - total) / total).toBeLessThan(1e-12);
    expect(Math.abs(data.meanVariance / twoPass(near).meanVariance - 1)).toBeLessThan(1e-12);
  });

  it('centers data far from the origin on its column means, in a copy', () => {
    const far = shifted(near, 1e6);
    const copy = far.data.slice();
    const data = prepareKmeansData(far);
    const { mean, meanVariance } = twoPass(far);
    // One serial sum per shard, the shards' sums added in order: within rounding of the serial sum.
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(data.frame.offset[j] - mean[j]) / mean[j]).toBeLessThan(1e-12);
    }
    expect(data.X.data === far.data).toBe(false);
    expect(same(far.data, copy)).toBe(true);
    for (const t of [0, 1, 77_777, 299_999]) {
      expect(data.X.data[t]).toBe(far.data[t] - data.frame.offset[t % 2]);
    }
    expect(same(data.xNorms, rowSquaredNorms(data.X))).toBe(true);
    expect(Math.abs(data.meanVariance / meanVariance - 1)).toBeLessThan(1e-12);
  });

  it("with shiftOnRead leaves centered data uncopied: rowsRead is X, and X, copied when read, holds the copy's doubles", () => {
    const far = shifted(near, 1e6);
    const copied = prepareKmeansData(far);
    const data = drainShardProgram(prepareKmeansProgram(far, { shiftOnRead: true })).data;
    expect(data.rowsRead === far).toBe(true);
    expect(Array.from(data.rowsShift ?? [])).toEqual(Array.from(copied.frame.offset));
    expect(same(data.xNorms, copied.xNorms)).toBe(true);
    expect(data.weightedSquaredNorm).toBe(copied.weightedSquaredNorm);
    expect(data.meanVariance).toBe(copied.meanVariance);
    expect(same(data.X.data, copied.X.data)).toBe(true);
    // Data near the origin is not centered: X itself, nothing to subtract.
    const plain = drainShardProgram(prepareKmeansProgram(near, { shiftOnRead: true })).data;
    expect(plain.X === near && plain.rowsRead === undefined).toBe(true);
  });

  it('gives the two-pass mean variance, bit for bit on data of one shard', () => {
    const small: Matrix = { rows: 5_000, cols: 2, data: near.data.slice(0, 10_000) };
    expect(prepareKmeansData(small).meanVariance).toBe(twoPass(small).meanVariance);
    const far = shifted(small, 1e6);
    expect(prepareKmeansData(far).meanVariance).toBe(twoPass(far).meanVariance);
    expect(Array.from(prepareKmeansData(far).frame.offset)).toEqual(Array.from(twoPass(far).mean));
  });

  it('names the first non-finite value in row-major order, also in a later shard', () => {
    const data = near.data.slice();
    data[2 * 140_000 + 1] = Number.NEGATIVE_INFINITY;
    data[2 * 100_001] = Number.NaN;
    let error: unknown;
    try {
      prepareKmeansData({ rows: near.rows, cols: 2, data });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'X', row: 100_001, column: 0, value: Number.NaN });
  });
});

describe('KMeans checks X before its other arguments', () => {
  const X = [
    [0, 0],
    [1, Number.NaN],
  ];
  it.each([
    ['more clusters than rows', new KMeans({ nClusters: 3 }), {}],
    ['a sampleWeight of the wrong length', new KMeans({ nClusters: 1 }), { sampleWeight: [1] }],
  ])('X with NaN and %s: the error names X', (_, kmeans, options) => {
    expect(() => kmeans.fit(X, options)).toThrow(
      expect.objectContaining({ argument: 'X', row: 1, column: 1 }),
    );
  });
});

describe('the shared copy of the rows, filled while the first pass runs', () => {
  /**
   * An executor with "workers" whose sessions run every round in the fit's thread at once,
   * before the driver runs the round's alongside work (as `@mixkit/distributed` runs the tasks
   * it does not distribute): the preparation's shards find their rows not yet copied.
   */
  const opened: string[] = [];
  const eager: ShardExecutor = {
    workers: 2,
    async open(task, setup, plan, local) {
      opened.push(task.name);
      const session = new InThreadSession(task, setup, plan, local, inThreadContext);
      return { plan, map: (input) => Promise.resolve(session.mapSync(input)), close: () => {} };
    },
  };

  it.each(['auto', 'lloyd', 'hamerly', 'elkan', 'yinyang'] as const)(
    '%s: a fit without an executor (no centered copy: rows read as x − mean) gives the bits of one with it (a copy)',
    async (algorithm) => {
      // 20,000 x 24, k = 12, far from the origin: the float32 screen (k·d > 128) reads X itself.
      const X = shifted(
        makeBlobs({ nSamples: 20_000, nFeatures: 24, centers: 12, clusterStd: 12, random: 3 }).X,
        1e3,
      );
      const kmeans = new KMeans({ nClusters: 12, algorithm, maxIterations: 30 });
      const sync = kmeans.fit(X, { random: 2 });
      const model = await kmeans.fitAsync(X, { random: 2, executor: eager });
      expect(sync.iterations).toBeGreaterThan(5);
      expect(same(model.labels, sync.labels)).toBe(true);
      expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(sync.toJSON()));
    },
    60_000,
  );

  it("is copied by the fit's thread itself when the round runs there first: the same bits", async () => {
    // 300,000 x 2, far from the origin: 5 shards of the preparation, centered in the copy.
    const X = shifted(makeBlobs({ nSamples: 300_000, centers: 4, random: 8 }).X, 1e4);
    expect(Math.ceil(X.rows / prepareShardRows(X.rows, X.cols))).toBe(5);
    const before = X.data.slice();
    const kmeans = new KMeans({ nClusters: 4, init: 'k-means++', maxIterations: 5 });
    const sync = kmeans.fit(X, { random: 4 });
    const model = await kmeans.fitAsync(X, { random: 4, executor: eager });
    expect(opened).toContain('@mixkit/kmeans:prepare');
    expect(same(model.labels, sync.labels)).toBe(true);
    expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(sync.toJSON()));
    expect(same(X.data, before)).toBe(true);
  }, 60_000);
});
