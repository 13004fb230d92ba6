import { AbortedError, InvalidInputError, NOISE } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { dataSet, samePartition } from '../test/fixtureData.js';
import { Dbscan } from './dbscan.js';
import { DbscanModel } from './dbscanModel.js';
import { Hdbscan } from './hdbscan.js';
import { HdbscanModel } from './hdbscanModel.js';
import { Optics } from './optics.js';
import { OpticsModel } from './opticsModel.js';

const X = dataSet('blobs-noise');

function distanceMatrix(rows: number, cols: number, data: Float64Array) {
  const D = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let t = 0; t < cols; t++) s += (data[i * cols + t] - data[j * cols + t]) ** 2;
      D[i * rows + j] = Math.sqrt(s);
    }
  return { rows, cols: rows, data: D };
}

const roundTrip = (json: unknown) => JSON.parse(JSON.stringify(json)) as unknown;

describe('Dbscan', () => {
  it('finds the three blobs and marks the scattered rows as noise', () => {
    const model = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    expect(model.nClusters).toBe(3);
    let noise = 0;
    for (const label of model.labels) if (label === NOISE) noise++;
    expect(noise).toBeGreaterThan(30);
  });

  it('repeats bit for bit and round-trips through JSON exactly', () => {
    const a = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    const b = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    const restored = DbscanModel.fromJSON(roundTrip(a.toJSON()));
    expect(restored.toJSON()).toEqual(a.toJSON());
    expect(Array.from(restored.predict(X))).toEqual(Array.from(a.predict(X)));
  });

  it('predict gives core samples their own label and far rows NOISE', () => {
    const model = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    const predicted = model.predict(X);
    for (const i of model.coreSampleIndices) expect(predicted[i]).toBe(model.labels[i]);
    expect(Array.from(model.predict([[1e6, 1e6]]))).toEqual([NOISE]);
  });

  it('gives the same labels from precomputed distances, and from the KD-tree and brute force', () => {
    const euclid = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    const D = distanceMatrix(X.rows, X.cols, X.data);
    const pre = new Dbscan({ eps: 0.5, minPts: 5, metric: 'precomputed' }).fit(D);
    expect(Array.from(pre.labels)).toEqual(Array.from(euclid.labels));
    const firstRows = { rows: 10, cols: X.rows, data: D.data.slice(0, 10 * X.rows) };
    const firstPoints = { rows: 10, cols: X.cols, data: X.data.slice(0, 10 * X.cols) };
    expect(Array.from(pre.predict(firstRows))).toEqual(Array.from(euclid.predict(firstPoints)));
    const brute = new Dbscan({ eps: 2, minPts: 5, metric: 'manhattan', algorithm: 'brute' }).fit(X);
    const tree = new Dbscan({ eps: 2, minPts: 5, metric: 'manhattan', algorithm: 'kd-tree' }).fit(
      X,
    );
    expect(Array.from(tree.labels)).toEqual(Array.from(brute.labels));
  });

  it('rejects bad options and input with typed errors, and stops on an aborted signal', () => {
    expect(() => new Dbscan({ eps: 0 })).toThrow(InvalidInputError);
    expect(() => new Dbscan({ eps: 1, minPts: 0 }).fit(X)).toThrow(/minPts/);
    expect(() => new Dbscan({ eps: 1 }).fit([[1, Number.NaN]])).toThrow(/row 0, column 1/);
    expect(() => new Dbscan({ eps: 1 }).fit(X, { sampleWeight: [1] })).toThrow(InvalidInputError);
    expect(() => new Dbscan({ eps: 1 }).fit(X).predict([[1, 2, 3]])).toThrow(InvalidInputError);
    const controller = new AbortController();
    controller.abort();
    expect(() => new Dbscan({ eps: 1 }).fit(X, { signal: controller.signal })).toThrow(
      AbortedError,
    );
  });
});

describe('Optics', () => {
  it('extractDbscan puts the core rows in the same clusters as DBSCAN at that radius', () => {
    const optics = new Optics({ minPts: 5 }).fit(X).extractDbscan(0.5);
    const dbscan = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    const cores = Array.from(dbscan.coreSampleIndices);
    expect(
      samePartition(
        cores.map((i) => optics.labels[i]),
        cores.map((i) => dbscan.labels[i]),
      ),
    ).toBe(true);
    expect(optics.nClusters).toBe(dbscan.nClusters);
  });

  it('reachability plot reads reachability in processing order; first row is unreachable', () => {
    const model = new Optics({ minPts: 5 }).fit(X);
    const plot = model.reachabilityPlot();
    expect(plot[0]).toBe(Number.POSITIVE_INFINITY);
    expect(plot[5]).toBe(model.reachability[model.order[5]]);
    expect(new Set(model.order).size).toBe(X.rows);
  });

  it('labels everything NOISE before an extraction, and round-trips through JSON with infinities', () => {
    const model = new Optics({ minPts: 5, eps: 0.8 }).fit(X);
    expect(model.nClusters).toBe(0);
    expect(Array.from(model.predict([[0, 0]]))).toEqual([NOISE]);
    const extracted = model.extractDbscan(0.5);
    const restored = OpticsModel.fromJSON(roundTrip(extracted.toJSON()));
    expect(restored.toJSON()).toEqual(extracted.toJSON());
    expect(restored.reachability).toEqual(extracted.reachability);
    expect(Array.from(restored.predict(X))).toEqual(Array.from(extracted.predict(X)));
  });

  it('rejects weights, an epsCluster above eps and bad eps with typed errors', () => {
    expect(() => new Optics().fit(X, { sampleWeight: new Array(X.rows).fill(1) })).toThrow(
      InvalidInputError,
    );
    expect(() => new Optics({ eps: 1, epsCluster: 2 })).toThrow(/epsCluster/);
    expect(() => new Optics({ eps: -1 })).toThrow(/eps/);
  });
});

describe('Hdbscan', () => {
  it('finds the blobs, with probabilities in [0, 1] and 0 for noise, and finite outlier scores', () => {
    const model = new Hdbscan({ minPts: 10 }).fit(X);
    expect(model.nClusters).toBe(3);
    for (let i = 0; i < X.rows; i++) {
      const p = model.probabilities[i];
      expect(p >= 0 && p <= 1).toBe(true);
      if (model.labels[i] === NOISE) expect(p).toBe(0);
      expect(Number.isFinite(model.outlierScores[i])).toBe(true);
    }
  });

  it('leaf selection selects every leaf of the condensed tree (at least as many clusters as EOM)', () => {
    const eom = new Hdbscan({ minPts: 5 }).fit(X);
    const leaf = new Hdbscan({ minPts: 5, clusterSelection: 'leaf' }).fit(X);
    expect(leaf.nClusters).toBeGreaterThanOrEqual(eom.nClusters);
  });

  it('linkage is SciPy-shaped: ids below n + k, nondecreasing heights, the last merge holds every row', () => {
    const model = new Hdbscan({ minPts: 5 }).fit(X);
    const n = X.rows;
    for (let k = 0; k < n - 1; k++) {
      expect(model.linkage[4 * k]).toBeLessThan(model.linkage[4 * k + 1]);
      expect(model.linkage[4 * k + 1]).toBeLessThan(n + k);
      if (k > 0) expect(model.linkage[4 * k + 2]).toBeGreaterThanOrEqual(model.linkage[4 * k - 2]);
    }
    expect(model.linkage[4 * (n - 2) + 3]).toBe(n);
  });

  it('predict reproduces the labels of clustered training rows (each lies within its own core distance) and round-trips', () => {
    const model = new Hdbscan({ minPts: 5 }).fit(X);
    const predicted = model.predict(X);
    for (let i = 0; i < X.rows; i++)
      if (model.labels[i] !== NOISE) expect(predicted[i]).toBe(model.labels[i]);
    expect(Array.from(model.predict([[1e6, 0]]))).toEqual([NOISE]);
    const restored = HdbscanModel.fromJSON(roundTrip(model.toJSON()));
    expect(restored.toJSON()).toEqual(model.toJSON());
    expect(restored.outlierScores).toEqual(model.outlierScores);
  });

  it('precomputed distances give the same fit as Euclidean rows', () => {
    const euclid = new Hdbscan({ minPts: 5 }).fit(X);
    const pre = new Hdbscan({ minPts: 5, metric: 'precomputed' }).fit(
      distanceMatrix(X.rows, X.cols, X.data),
    );
    expect(Array.from(pre.labels)).toEqual(Array.from(euclid.labels));
    for (let i = 0; i < X.rows; i++)
      expect(pre.probabilities[i]).toBeCloseTo(euclid.probabilities[i], 12);
  });

  it('rejects minPts < 2, weights and an aborted signal with typed errors', () => {
    expect(() => new Hdbscan({ minPts: 1 }).fit(X)).toThrow(/minPts/);
    expect(() => new Hdbscan().fit(X, { sampleWeight: new Array(X.rows).fill(1) })).toThrow(
      InvalidInputError,
    );
    const controller = new AbortController();
    controller.abort();
    expect(() => new Hdbscan().fit(X, { signal: controller.signal })).toThrow(AbortedError);
  });
});

describe('HDBSCAN on rows of extreme magnitude (issue 16)', () => {
  const scaled = (factor: number) => ({ ...X, data: X.data.map((v) => v * factor) });
  for (const factor of [1e300, 1e-300]) {
    it(`rows times ${factor}: the partition of the rows as given, core distances scaled alike, predict agrees`, () => {
      const plain = new Hdbscan({ minPts: 5 }).fit(X);
      const model = new Hdbscan({ minPts: 5 }).fit(scaled(factor));
      expect(plain.nClusters).toBeGreaterThan(1);
      expect(model.labels).toEqual(plain.labels);
      for (let p = 0; p < X.rows; p++) {
        expect(model.coreDistances[p] / factor).toBeCloseTo(plain.coreDistances[p], 9);
      }
      for (let c = 0; c < plain.nClusters; c++) {
        expect(model.clusterStabilities[c] * factor).toBeCloseTo(plain.clusterStabilities[c], 6);
      }
      expect(model.predict(scaled(factor))).toEqual(plain.predict(X));
      const reloaded = HdbscanModel.fromJSON(roundTrip(model.toJSON()));
      expect(reloaded.predict(scaled(factor))).toEqual(plain.predict(X));
    });
  }
});

describe('a radius that reaches across all the data', () => {
  const tiny = { ...X, data: X.data.map((v) => v * 1e-300) };
  it('DBSCAN: an eps beyond every distance between rows gives one cluster, as scikit-learn and R do', () => {
    expect(new Dbscan({ eps: 4, minPts: 5 }).fit(tiny).nClusters).toBe(1);
    expect(new Dbscan({ eps: 1e6, minPts: 5, metric: 'manhattan' }).fit(X).nClusters).toBe(1);
  });
  it('DBSCAN: rows and eps near 1e300 or 1e-300 give the clustering of the rows as given (squared distances no longer overflow or underflow)', () => {
    const plain = new Dbscan({ eps: 0.5, minPts: 5 }).fit(X);
    expect(plain.nClusters).toBeGreaterThan(1);
    for (const factor of [2 ** 1000, 2 ** -1000]) {
      const Xs = { ...X, data: X.data.map((v) => v * factor) };
      const model = new Dbscan({ eps: 0.5 * factor, minPts: 5 }).fit(Xs);
      expect(model.labels).toEqual(plain.labels);
      expect(model.predict(Xs)).toEqual(plain.predict(X));
      const reloaded = DbscanModel.fromJSON(roundTrip(model.toJSON()));
      expect(reloaded.predict(Xs)).toEqual(plain.predict(X));
    }
  });
  it('rows that are all equal are one cluster, not an error (no units can be wrong there)', () => {
    const same = { rows: 6, cols: 2, data: new Float64Array(12).fill(3) };
    expect(new Dbscan({ eps: 1, minPts: 3 }).fit(same).nClusters).toBe(1);
  });
  it('OPTICS: an epsCluster beyond every distance extracts one cluster; eps itself may be unbounded', () => {
    expect(new Optics({ minPts: 5, epsCluster: 4 }).fit(tiny).nClusters).toBe(1);
    expect(new Optics({ minPts: 5 }).fit(tiny).order.length).toBe(X.rows);
  });
  it('OPTICS: rows and radii near 1e300 or 1e-300 give the ordering and reachabilities of the rows as given, scaled alike', () => {
    const plain = new Optics({ minPts: 5, epsCluster: 0.5 }).fit(X);
    expect(plain.nClusters).toBeGreaterThan(1);
    for (const factor of [2 ** 1000, 2 ** -1000]) {
      const Xs = { ...X, data: X.data.map((v) => v * factor) };
      const model = new Optics({ minPts: 5, epsCluster: 0.5 * factor }).fit(Xs);
      expect(model.order).toEqual(plain.order);
      expect(model.reachability).toEqual(plain.reachability.map((r) => r * factor));
      expect(model.labels).toEqual(plain.labels);
      expect(model.predict(Xs)).toEqual(plain.predict(X));
    }
  });
});
