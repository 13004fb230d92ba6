import { AbortedError, createMatrix, InvalidInputError, type Matrix } from '@mixkit/core';
import { loadIris } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { blobs, pickRows } from '../test/blobs.js';
import { KMeans } from './kmeans.js';
import { KMeansModel } from './kmeansModel.js';

function expectInvalid(action: () => unknown, argument: string): void {
  try {
    action();
  } catch (error) {
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).argument).toBe(argument);
    return;
  }
  throw new Error('expected an InvalidInputError');
}

describe('KMeans input validation', () => {
  const X = [
    [0, 0],
    [1, 1],
    [5, 5],
  ];
  it('rejects k < 1, a non-integer k and k > n with InvalidInputError on nClusters', () => {
    expectInvalid(() => new KMeans({ nClusters: 0 }), 'nClusters');
    expectInvalid(() => new KMeans({ nClusters: 1.5 }), 'nClusters');
    expectInvalid(() => new KMeans({ nClusters: 4 }).fit(X), 'nClusters');
  });
  it('rejects NaN and infinite values, naming the row and column', () => {
    try {
      new KMeans({ nClusters: 1 }).fit([
        [0, 0],
        [1, Number.NaN],
      ]);
      throw new Error('no error');
    } catch (error) {
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect((error as InvalidInputError).row).toBe(1);
      expect((error as InvalidInputError).column).toBe(1);
    }
    expectInvalid(() => new KMeans({ nClusters: 1 }).fit([[Number.POSITIVE_INFINITY]]), 'X');
  });
  it('rejects empty data', () => {
    expectInvalid(() => new KMeans({ nClusters: 1 }).fit([]), 'X');
  });
  it('rejects a wrong dimension at predict, transform and score', () => {
    const model = new KMeans({ nClusters: 2 }).fit(X);
    expectInvalid(() => model.predict([[1, 2, 3]]), 'X');
    expectInvalid(() => model.transform([[1]]), 'X');
    expectInvalid(() => model.score([[1]]), 'X');
  });
  it('rejects bad options: unknown algorithm or init, negative tolerance, nInit 0', () => {
    // @ts-expect-error testing a value outside the union
    expectInvalid(() => new KMeans({ nClusters: 2, algorithm: 'fast' }), 'algorithm');
    // @ts-expect-error testing a value outside the union
    expectInvalid(() => new KMeans({ nClusters: 2, init: 'kmeans++' }), 'init');
    expectInvalid(() => new KMeans({ nClusters: 2, tolerance: -1 }), 'tolerance');
    expectInvalid(() => new KMeans({ nClusters: 2, nInit: 0 }), 'nInit');
    expectInvalid(() => new KMeans({ nClusters: 2, maxIterations: -1 }), 'maxIterations');
  });
  it('rejects initial centers of the wrong shape', () => {
    expectInvalid(() => new KMeans({ nClusters: 2, init: [[0, 0]] }).fit(X), 'init');
    expectInvalid(() => new KMeans({ nClusters: 1, init: [[0, 0, 0]] }).fit(X), 'init');
  });
  it('rejects bad sample weights and k above the number of positively weighted rows', () => {
    expectInvalid(
      () => new KMeans({ nClusters: 1 }).fit(X, { sampleWeight: [1, 1] }),
      'sampleWeight',
    );
    expectInvalid(
      () => new KMeans({ nClusters: 1 }).fit(X, { sampleWeight: [1, -1, 1] }),
      'sampleWeight',
    );
    expectInvalid(
      () => new KMeans({ nClusters: 3 }).fit(X, { sampleWeight: [1, 0, 1] }),
      'nClusters',
    );
  });
});

describe('KMeans fitting behaviour', () => {
  it('finds well-separated blobs exactly (up to label permutation)', () => {
    const { X, labels } = blobs(600, 3, 4, 7, 50);
    const model = new KMeans({ nClusters: 4 }).fit(X, { random: 3 });
    const mapping = new Map<number, number>();
    for (let i = 0; i < labels.length; i++) {
      const seen = mapping.get(labels[i]);
      if (seen === undefined) mapping.set(labels[i], model.labels[i]);
      else expect(model.labels[i]).toBe(seen);
    }
    expect(new Set(mapping.values()).size).toBe(4);
    expect(model.converged).toBe(true);
  });

  it('is deterministic under a seed and changes with the seed', () => {
    const { X } = blobs(500, 4, 6, 8, 3);
    const a = new KMeans({ nClusters: 6, init: 'random', nInit: 3 }).fit(X, { random: 5 });
    const b = new KMeans({ nClusters: 6, init: 'random', nInit: 3 }).fit(X, { random: 5 });
    expect(Array.from(a.centers.data)).toEqual(Array.from(b.centers.data));
    const c = new KMeans({ nClusters: 6, init: 'random', nInit: 1 }).fit(X, { random: 6 });
    expect(Array.from(c.centers.data)).not.toEqual(Array.from(a.centers.data));
  });

  it('keeps the restart of lowest inertia among nInit', () => {
    const { X } = blobs(400, 2, 8, 12, 5);
    const model = new KMeans({ nClusters: 8, init: 'random', nInit: 6 }).fit(X, { random: 1 });
    const { restartObjectives, bestRestart } = model.diagnostics;
    expect(restartObjectives).toHaveLength(6);
    expect(model.inertia).toBe(Math.min(...restartObjectives));
    expect(restartObjectives[bestRestart]).toBe(model.inertia);
  });

  it('integer sample weights equal repeating rows', () => {
    const { X } = blobs(90, 2, 3, 13, 4);
    const weights = Array.from({ length: 90 }, (_, i) => 1 + (i % 3));
    const repeated: number[][] = [];
    for (let i = 0; i < 90; i++) {
      for (let r = 0; r < weights[i]; r++) repeated.push([X.data[2 * i], X.data[2 * i + 1]]);
    }
    const init = pickRows(X, [0, 1, 2]);
    const weighted = new KMeans({ nClusters: 3, init, algorithm: 'lloyd' }).fit(X, {
      sampleWeight: weights,
    });
    const plain = new KMeans({ nClusters: 3, init, algorithm: 'lloyd' }).fit(repeated);
    for (let t = 0; t < 6; t++)
      expect(weighted.centers.data[t]).toBeCloseTo(plain.centers.data[t], 10);
    expect(weighted.inertia).toBeCloseTo(plain.inertia, 8);
  });

  it('reports non-convergence as a warning and converged: false, without throwing', () => {
    const X = loadIris().X;
    const model = new KMeans({
      nClusters: 5,
      init: pickRows(X, [0, 1, 2, 3, 4]),
      maxIterations: 2,
    }).fit(X);
    expect(model.converged).toBe(false);
    expect(model.diagnostics.warnings).toContainEqual({
      kind: 'not-converged',
      restart: 0,
      iterations: 2,
    });
  });

  it('maxIterations 0 only assigns rows to the initial centers', () => {
    const X = loadIris().X;
    const init = pickRows(X, [0, 50, 100]);
    const model = new KMeans({ nClusters: 3, init, maxIterations: 0 }).fit(X);
    expect(model.iterations).toBe(0);
    for (let t = 0; t < init.data.length; t++) {
      expect(model.centers.data[t]).toBeCloseTo(init.data[t], 12);
    }
    expect(model.labels[0]).toBe(0);
    expect(model.labels[50]).toBe(1);
    expect(model.diagnostics.warnings).toEqual([]);
  });

  it('reports every empty cluster it re-seeds, with restart, iteration and component', () => {
    const X: Matrix = createMatrix(6, 1, Float64Array.from([0, 0.1, 0.2, 10, 10.1, 10.2]));
    const model = new KMeans({ nClusters: 3, init: [[0], [10], [500]] }).fit(X);
    expect(model.diagnostics.warnings[0]).toEqual({
      kind: 'empty-component',
      restart: 0,
      iteration: 1,
      component: 2,
      action: 'reseeded',
    });
    expect(new Set(model.labels).size).toBe(3);
  });

  it('calls onIteration with the inertia trace and stops with AbortedError when aborted', () => {
    const X = loadIris().X;
    const seen: number[] = [];
    const model = new KMeans({ nClusters: 3, init: pickRows(X, [0, 1, 2]) }).fit(X, {
      onIteration: (progress) => seen.push(progress.objective),
    });
    expect(seen).toEqual(model.diagnostics.objective);
    for (let t = 1; t < seen.length; t++)
      expect(seen[t]).toBeLessThanOrEqual(seen[t - 1] * (1 + 1e-12));
    const controller = new AbortController();
    expect(() =>
      new KMeans({ nClusters: 3, init: pickRows(X, [0, 1, 2]) }).fit(X, {
        signal: controller.signal,
        onIteration: () => controller.abort(),
      }),
    ).toThrow(AbortedError);
  });

  it('accepts a custom CenterInitializer, called on the original data', () => {
    const X = loadIris().X;
    const model = new KMeans({
      nClusters: 2,
      nInit: 1,
      init: (data, k) => {
        expect(data.data).toBe(X.data);
        return pickRows(data, [0, 100].slice(0, k));
      },
    }).fit(X);
    expect(model.nClusters).toBe(2);
  });
});

describe('KMeansModel', () => {
  const X = loadIris().X;
  const model = new KMeans({ nClusters: 3 }).fit(X, {
    random: 0,
    sampleWeight: Array.from({ length: 150 }, (_, i) => 1 + (i % 2)),
  });

  it('predict(Xtrain) reproduces the training labels', () => {
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
  });

  it('score(X, weights) is minus the training inertia', () => {
    const weights = Array.from({ length: 150 }, (_, i) => 1 + (i % 2));
    expect(model.score(X, weights)).toBeCloseTo(-model.inertia, 9);
  });

  it('transform gives Euclidean distances whose argmin is predict', () => {
    const distances = model.transform(X);
    const labels = model.predict(X);
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(distances.data.subarray(i * 3, i * 3 + 3));
      expect(row.indexOf(Math.min(...row))).toBe(labels[i]);
      let direct = 0;
      for (let j = 0; j < 4; j++)
        direct += (X.data[i * 4 + j] - model.centers.data[labels[i] * 4 + j]) ** 2;
      expect(row[labels[i]]).toBeCloseTo(Math.sqrt(direct), 10);
    }
  });

  it('survives a JSON round trip bit for bit', () => {
    const copy = KMeansModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.centers.data)).toEqual(Array.from(model.centers.data));
    expect(Array.from(copy.labels)).toEqual(Array.from(model.labels));
    expect(copy.inertia).toBe(model.inertia);
    expect(copy.diagnostics).toEqual(model.diagnostics);
    expect(copy.transform(X).data).toEqual(model.transform(X).data);
    expect(copy.toJSON()).toEqual(model.toJSON());
  });

  it('fromJSON rejects malformed documents with InvalidInputError', () => {
    const json = model.toJSON() as Record<string, unknown>;
    expectInvalid(() => KMeansModel.fromJSON({ ...json, kind: 'other' }), 'json.kind');
    expectInvalid(
      () => KMeansModel.fromJSON({ ...json, centeredCenters: [[1]] }),
      'json.centeredCenters',
    );
    expectInvalid(() => KMeansModel.fromJSON({ ...json, labels: [7] }), 'json.labels');
    expectInvalid(() => KMeansModel.fromJSON(null), 'json');
  });

  it('predicts an empty matrix as no labels', () => {
    expect(model.predict({ rows: 0, cols: 4, data: new Float64Array(0) })).toHaveLength(0);
  });
});
