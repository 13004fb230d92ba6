import {
  createRandom,
  InvalidInputError,
  type Matrix,
  UnsupportedMissingCellsError,
} from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import {
  bernoulli,
  categorical,
  exponential,
  familyFromSpec,
  type GaussianFullParams,
  gamma,
  gaussianDiag,
  gaussianFull,
  gaussianModel,
  gaussianSpherical,
  gaussianTied,
  logNormal,
  multinomial,
  poisson,
  product,
  vonMisesFisher,
} from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { MixtureModel } from '../model/mixtureModel.js';
import { fitMixture } from '../run/fitMixture.js';
import { fillMissingCells } from './fillMissingCells.js';

/** A copy of `X` with about `share` of its cells removed (NaN) completely at random. */
function withHoles(X: Matrix, share: number, seed: number): Matrix {
  const random = createRandom(seed);
  const data = X.data.slice();
  for (let e = 0; e < data.length; e++) if (random.uniform() < share) data[e] = Number.NaN;
  return { rows: X.rows, cols: X.cols, data };
}

/** Mixed-type columns: 2 real, a count, a 3-level code, a binary, 2 positive. */
function mixedData(n: number, seed: number): Matrix {
  const random = createRandom(seed);
  const d = 7;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = i % 2;
    const row = i * d;
    data[row] = z * 4 + random.normal();
    data[row + 1] = -z * 3 + random.normal();
    data[row + 2] = Math.floor(-Math.log(1 - random.uniform()) * (z ? 6 : 2));
    data[row + 3] = random.uniform() < 0.7 ? z * 2 : random.integer(3);
    data[row + 4] = random.uniform() < (z ? 0.8 : 0.2) ? 1 : 0;
    data[row + 5] = Math.exp(random.normal() * 0.5 + z);
    data[row + 6] = -Math.log(1 - random.uniform()) * (1 + 2 * z) + 1e-3;
  }
  return { rows: n, cols: d, data };
}

const mixedFamily = product([
  { columns: [0, 1], family: gaussianFull() },
  { columns: [2], family: poisson() },
  { columns: [3], family: categorical({ levels: 3 }) },
  { columns: [4], family: bernoulli() },
  { columns: [5], family: logNormal() },
  { columns: [6], family: gamma() },
]);

describe('EM with missing cells (missing: marginalize)', () => {
  const blobs = makeBlobs({ nSamples: 600, nFeatures: 3, centers: 3, random: 4 }).X;

  it.each([
    ['full', gaussianFull()],
    ['diag', gaussianDiag()],
    ['spherical', gaussianSpherical()],
    ['tied', gaussianTied()],
    ['mclust VEV', gaussianModel('VEV')],
    ['mclust EII', gaussianModel('EII')],
  ] as const)(
    'never decreases the objective (Gaussian %s, 30 percent of cells missing)',
    (_, family) => {
      const X = withHoles(blobs, 0.3, 7);
      const model = fitMixture(X, {
        family,
        nClusters: 3,
        random: 1,
        tolerance: 0,
        maxIterations: 40,
        missing: 'marginalize',
      });
      const history = model.diagnostics.objective;
      expect(history).toHaveLength(40);
      for (let t = 1; t < history.length; t++) {
        expect(history[t] - history[t - 1]).toBeGreaterThanOrEqual(-1e-12 * Math.abs(history[t]));
      }
      expect(model.diagnostics.warnings.filter((w) => w.kind !== 'not-converged')).toEqual([]);
    },
  );

  it('never decreases the objective for a product of every per-column family and a Gaussian', () => {
    const X = withHoles(mixedData(800, 3), 0.3, 8);
    const model = fitMixture(X, {
      family: mixedFamily,
      nClusters: 2,
      random: 2,
      tolerance: 0,
      maxIterations: 40,
      missing: 'marginalize',
    });
    const history = model.diagnostics.objective;
    for (let t = 1; t < history.length; t++) {
      expect(history[t] - history[t - 1]).toBeGreaterThanOrEqual(-1e-12 * Math.abs(history[t]));
    }
    expect(Number.isFinite(model.score(X))).toBe(true);
  });

  it('never decreases the objective for exponential columns alone', () => {
    const X = withHoles({ ...mixedData(400, 5), cols: 7 }, 0.2, 9);
    const positive = {
      rows: X.rows,
      cols: 1,
      data: Float64Array.from({ length: X.rows }, (_, i) => X.data[i * 7 + 6]),
    };
    const history = fitMixture(positive, {
      family: exponential(),
      nClusters: 2,
      random: 3,
      tolerance: 0,
      maxIterations: 30,
      missing: 'marginalize',
    }).diagnostics.objective;
    for (let t = 1; t < history.length; t++) {
      expect(history[t] - history[t - 1]).toBeGreaterThanOrEqual(-1e-12 * Math.abs(history[t]));
    }
  });

  /**
   * Three separated blobs, 4000 rows in 4 columns (cluster sd 1): each component holds ~1300
   * rows. Removing a share p of cells at random leaves ~1300·(1 − p) observations of each
   * coordinate, and the missing-data estimate of a mean differs from the complete-data one by
   * about sd·√(1/(1300(1 − p)) − 1/1300) ≈ 0.018 (p = 0.3) or 0.009 (p = 0.1); a variance by
   * about √2 times that. The tolerances, 0.1 on means and 0.15 on covariance entries, are five
   * such standard errors or more at 30% (more at 10%), so a wrong marginalisation (e.g. missing
   * cells read as zeros, or the covariance correction dropped, which shrinks variances by
   * about p) fails them while sampling noise does not; weights within 0.02. Measured on this
   * data: largest differences 0.027 (means), 0.039 (covariances), 0.0017 (weights) at 10%;
   * 0.030, 0.077 and 0.0012 at 30%.
   */
  it.each([0.1, 0.3])(
    'keeps the parameters close to the complete-data fit with a share %d of cells missing',
    (share) => {
      const X = makeBlobs({ nSamples: 4000, nFeatures: 4, centers: 3, random: 12 }).X;
      const options = { family: gaussianFull(), nClusters: 3, random: 5, tolerance: 1e-8 };
      const complete = fitMixture(X, options);
      const holed = fitMixture(withHoles(X, share, 21), { ...options, missing: 'marginalize' });
      const d = 4;
      for (let c = 0; c < 3; c++) {
        const reference = complete.params[c] as GaussianFullParams;
        // Components are matched by nearest mean (the two fits may order them differently).
        const match = holed.params
          .map((p, index) => ({ p: p as GaussianFullParams, index }))
          .sort(
            (a, b) => distance(a.p.mean, reference.mean) - distance(b.p.mean, reference.mean),
          )[0];
        for (let j = 0; j < d; j++) {
          expect(Math.abs(match.p.mean[j] - reference.mean[j])).toBeLessThan(0.1);
        }
        for (let e = 0; e < d * d; e++) {
          expect(Math.abs(match.p.covariance[e] - reference.covariance[e])).toBeLessThan(0.15);
        }
        expect(Math.abs(holed.weights[match.index] - complete.weights[c])).toBeLessThan(0.02);
      }
    },
  );

  it('predicts, scores and round-trips JSON with the policy remembered', () => {
    const X = withHoles(blobs, 0.2, 3);
    const model = fitMixture(X, {
      family: gaussianFull(),
      nClusters: 3,
      random: 1,
      missing: 'marginalize',
    });
    expect(model.missing).toBe('marginalize');
    const labels = model.predict(X);
    expect(labels).toHaveLength(X.rows);
    const proba = model.predictProba(X);
    for (let i = 0; i < X.rows; i++) {
      const sum = proba.data[i * 3] + proba.data[i * 3 + 1] + proba.data[i * 3 + 2];
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    }
    const scores = model.scoreSamples(X);
    expect(scores.every(Number.isFinite)).toBe(true);
    // A row with every cell missing has density 1 under each component: log-likelihood 0,
    // responsibilities equal to the mixing weights.
    const empty = [[Number.NaN, Number.NaN, Number.NaN]];
    expect(model.scoreSamples(empty)[0]).toBe(0);
    const weights = model.weights;
    const emptyProba = model.predictProba(empty).data;
    for (let c = 0; c < 3; c++) expect(Math.abs(emptyProba[c] - weights[c])).toBeLessThan(1e-12);
    const loaded = MixtureModel.fromJSON(
      JSON.parse(JSON.stringify(model.toJSON())),
      familyFromSpec,
    );
    expect(loaded.missing).toBe('marginalize');
    expect(Array.from(loaded.scoreSamples(X))).toEqual(Array.from(scores));
    // A model fitted on complete data keeps rejecting NaN, located.
    const strict = fitMixture(blobs, { family: gaussianFull(), nClusters: 3, random: 1 });
    expect(strict.missing).toBe('error');
    expect(() => strict.predict(X)).toThrow(InvalidInputError);
  });

  it('keeps NaN a located error without the option', () => {
    const X = withHoles(blobs, 0.2, 3);
    let error: unknown;
    try {
      fitMixture(X, { family: gaussianFull(), nClusters: 3 });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).row).toBeTypeOf('number');
    expect((error as InvalidInputError).column).toBeTypeOf('number');
  });

  it('refuses families without a missing-cell treatment with a typed error naming them', () => {
    const X = withHoles(blobs, 0.2, 3);
    const positive = { ...X, data: X.data.map((v) => (Number.isNaN(v) ? v : Math.abs(v) + 1)) };
    const counts = {
      ...X,
      data: X.data.map((v) => (Number.isNaN(v) ? v : Math.round(Math.abs(v)))),
    };
    const cases = [
      [counts, multinomial(), 'multinomial'],
      [positive, vonMisesFisher(), 'von-mises-fisher'],
    ] as const;
    for (const [data, family, kind] of cases) {
      let error: unknown;
      try {
        fitMixture(data, { family, nClusters: 2, missing: 'marginalize' });
      } catch (caught) {
        error = caught;
      }
      expect(UnsupportedMissingCellsError.isInstance(error), kind).toBe(true);
      expect((error as UnsupportedMissingCellsError).family).toBe(kind);
    }
  });

  it('rejects a column in which every cell is missing, naming it', () => {
    const X = blobs.data.slice();
    for (let i = 0; i < blobs.rows; i++) X[i * 3 + 1] = Number.NaN;
    expect(() =>
      fitMixture(
        { rows: blobs.rows, cols: 3, data: X },
        { family: gaussianDiag(), nClusters: 2, missing: 'marginalize' },
      ),
    ).toThrow(/column 1.*every cell of this column is missing/);
  });

  it('initialises from the data with each missing cell at its column lower median', () => {
    const X = {
      rows: 4,
      cols: 2,
      data: Float64Array.from([1, Number.NaN, 3, 10, Number.NaN, 20, 2, 30]),
    };
    const filled = fillMissingCells({ ...X, missingRows: Uint8Array.from([1, 0, 1, 0]) });
    expect(Array.from(filled.data)).toEqual([1, 20, 3, 10, 2, 20, 2, 30]);
    expect(filled.missingRows).toBeUndefined();
  });
});

function distance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] - b[j]) ** 2;
  return sum;
}
