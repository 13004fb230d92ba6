import { createMatrix, InvalidInputError, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { KMeans, KMeansModel, KMedoids, MiniBatchKMeans, SphericalKMeans } from '../src/index.js';
import { blobs } from './blobs.js';

// k-means at extreme magnitudes (issue 16): data near 1e-300 used to underflow (every distance 0,
// one cluster), near 1e300 overflow (infinite inertia, NaN distances), weights of 1e308 gave NaN
// centers. Data and weights are now scaled by powers of two inside the fit, which is exact, so
// the fit of X · 2^e has the labels of X and its centers and inertia times 2^e and 2^2e.

const { X, labels: truth } = blobs(120, 3, 3, 11, 20);

function times(matrix: Matrix, factor: number): Matrix {
  return createMatrix(
    matrix.rows,
    matrix.cols,
    matrix.data.map((v) => v * factor),
  );
}

function invalid(action: () => unknown): InvalidInputError {
  try {
    action();
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('KMeans at extreme magnitudes', () => {
  const reference = new KMeans({ nClusters: 3 }).fit(X, { random: 3 });

  it.each([2 ** -1000, 2 ** -997, 2 ** -700])(
    'data times %d: the labels of X, centers and inertia scaled exactly',
    (factor) => {
      const model = new KMeans({ nClusters: 3 }).fit(times(X, factor), { random: 3 });
      expect(Array.from(model.labels)).toEqual(Array.from(reference.labels));
      expect(Array.from(model.centers.data)).toEqual(
        Array.from(reference.centers.data, (v) => v * factor),
      );
      expect(model.inertia).toBe(reference.inertia * factor * factor);
      expect(Array.from(model.predict(times(X, factor)))).toEqual(Array.from(reference.labels));
    },
  );

  it('data near 1e-300 (not a power of two): the true partition, finite centers', () => {
    const model = new KMeans({ nClusters: 3 }).fit(times(X, 1e-300), { random: 3 });
    expect(Array.from(model.labels)).toEqual(Array.from(reference.labels));
    for (const v of model.centers.data) expect(Math.abs(v)).toBeLessThan(1e-297);
    expect(new Set(model.labels).size).toBe(3);
    expect(truth.length).toBe(model.labels.length);
  });

  it('data near 1e300: an InvalidInputError naming X that says to divide X, not Infinity', () => {
    const error = invalid(() => new KMeans({ nClusters: 3 }).fit(times(X, 1e300)));
    expect(error.argument).toBe('X');
    expect(error.message).toMatch(/inertia is about 1e6\d\d.*divide X by a constant/);
  });

  it('data near 1e150, whose squared norms overflowed the distance expansion: the labels of X', () => {
    const model = new KMeans({ nClusters: 3, algorithm: 'lloyd' }).fit(times(X, 2 ** 500), {
      random: 3,
    });
    expect(Array.from(model.labels)).toEqual(Array.from(reference.labels));
    expect(model.inertia).toBe(reference.inertia * 2 ** 1000);
  });

  it('weights of 1e-310 (subnormal) give the unweighted fit; weights of 1e308 name sampleWeight', () => {
    const tiny = new KMeans({ nClusters: 3 }).fit(X, {
      random: 3,
      sampleWeight: new Array(X.rows).fill(2 ** -1030),
    });
    expect(Array.from(tiny.labels)).toEqual(Array.from(reference.labels));
    expect(Array.from(tiny.centers.data)).toEqual(Array.from(reference.centers.data));
    expect(tiny.inertia).toBe(reference.inertia * 2 ** -1030);
    const error = invalid(() =>
      new KMeans({ nClusters: 3 }).fit(X, { sampleWeight: new Array(X.rows).fill(1e308) }),
    );
    expect(error.argument).toBe('sampleWeight');
    expect(error.message).toMatch(/divide sampleWeight by a constant/);
  });

  it('a model of scaled data survives JSON (version 2 with its scale) and predicts the same', () => {
    const model = new KMeans({ nClusters: 3 }).fit(times(X, 2 ** -1000), { random: 3 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json.version).toBe(2);
    expect(Number.isInteger(Math.log2(json.scale)) && json.scale > 2 ** 900).toBe(true);
    const back = KMeansModel.fromJSON(json);
    expect(Array.from(back.predict(times(X, 2 ** -1000)))).toEqual(Array.from(model.labels));
  });
});

describe('MiniBatchKMeans and KMedoids at extreme magnitudes', () => {
  it('MiniBatchKMeans: the partition of X at 1e-300; a typed error at 1e300', () => {
    const reference = new MiniBatchKMeans({ nClusters: 3, batchSize: 32 }).fit(X, { random: 2 });
    const tiny = new MiniBatchKMeans({ nClusters: 3, batchSize: 32 }).fit(times(X, 2 ** -1000), {
      random: 2,
    });
    expect(Array.from(tiny.labels)).toEqual(Array.from(reference.labels));
    expect(invalid(() => new MiniBatchKMeans({ nClusters: 3 }).fit(times(X, 1e300))).argument).toBe(
      'X',
    );
  });

  it('KMedoids: the medoids of X at 1e-300 and at 1e300, deviation scaled exactly', () => {
    const reference = new KMedoids({ nClusters: 3 }).fit(X);
    for (const factor of [2 ** -1000, 2 ** 990]) {
      const model = new KMedoids({ nClusters: 3 }).fit(times(X, factor));
      expect(Array.from(model.medoidIndices)).toEqual(Array.from(reference.medoidIndices));
      expect(model.totalDeviation).toBe(reference.totalDeviation * factor);
      expect(Array.from(model.predict(times(X, factor)))).toEqual(Array.from(reference.labels));
    }
  });
});

describe('SphericalKMeans at extreme magnitudes', () => {
  // Directions along the three axes at random lengths.
  const rows = 90;
  const data = new Float64Array(rows * 3);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < 3; j++)
      data[3 * i + j] = (j === i % 3 ? 1 : 0.05 * ((i * 7 + j) % 5)) * (1 + (i % 4));
  }
  const D = createMatrix(rows, 3, data);
  const reference = new SphericalKMeans({ nClusters: 3 }).fit(D, { random: 1 });

  it('rows near 1e-300 or 1e300 have the directions of X (their norms used to underflow or overflow)', () => {
    for (const factor of [1e-300, 1e300]) {
      const model = new SphericalKMeans({ nClusters: 3 }).fit(times(D, factor), { random: 1 });
      expect(Array.from(model.labels)).toEqual(Array.from(reference.labels));
    }
  });

  it('subnormal weights give the unweighted fit; the cohesion scales with them exactly', () => {
    const model = new SphericalKMeans({ nClusters: 3 }).fit(D, {
      random: 1,
      sampleWeight: new Array(rows).fill(2 ** -1040),
    });
    expect(Array.from(model.labels)).toEqual(Array.from(reference.labels));
    expect(model.cohesion).toBe(reference.cohesion * 2 ** -1040);
  });
});
