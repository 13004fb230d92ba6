import { type ComponentFamily, createMatrix, InvalidInputError, type Matrix } from '@mixkit/core';
import {
  MockComponentFamily,
  pooledVarianceGaussianFamily,
  type UnitGaussianParams,
  type UnitGaussianStats,
  unitGaussianFamily,
} from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { means, threeBlobs } from '../../test/helpers.js';
import { fitMixture } from './fitMixture.js';

const { X, labels } = threeBlobs();
const unit = { family: unitGaussianFamily } as const;

function expectInvalid(fit: () => unknown, argument: string, message: RegExp): void {
  try {
    fit();
  } catch (error) {
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).argument).toBe(argument);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an InvalidInputError');
}

describe('clear typed errors', () => {
  it('k > n', () => {
    const tiny = createMatrix(2, 2, Float64Array.from([0, 0, 1, 1]));
    expectInvalid(
      () => fitMixture(tiny, { ...unit, nClusters: 3 }),
      'nClusters',
      /3 components to 2 rows/,
    );
  });

  it('k > rows of positive weight', () => {
    const sampleWeight = new Float64Array(150);
    sampleWeight[3] = 1;
    sampleWeight[7] = 1;
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 3, sampleWeight }),
      'nClusters',
      /2 rows of positive weight/,
    );
  });

  it('all sample weights zero', () => {
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 2, sampleWeight: new Float64Array(150) }),
      'sampleWeight',
      /all weights are zero/,
    );
  });

  it('NaN in the data, naming row and column', () => {
    const bad = createMatrix(3, 2, Float64Array.from([0, 0, 1, Number.NaN, 2, 2]));
    expectInvalid(() => fitMixture(bad, { ...unit, nClusters: 1 }), 'X', /row 1, column 1/);
  });

  it('a wrong dimension at predict', () => {
    const model = fitMixture(X, { ...unit, nClusters: 2 });
    expectInvalid(() => model.predict([[1, 2, 3]]), 'X', /expected 2 columns/);
  });

  it('a family rejecting the data, through validate once per fit', () => {
    const strict: ComponentFamily<UnitGaussianParams, UnitGaussianStats> = {
      ...unitGaussianFamily,
      validate(data: Matrix, argument = 'X') {
        for (let i = 0; i < data.rows * data.cols; i++) {
          if (data.data[i] < 0) {
            throw new InvalidInputError(
              {
                argument,
                row: Math.floor(i / data.cols),
                column: i % data.cols,
                value: data.data[i],
              },
              'expected non-negative values',
            );
          }
        }
      },
    };
    expectInvalid(() => fitMixture(X, { family: strict, nClusters: 2 }), 'X', /non-negative/);
    const spy = new MockComponentFamily();
    fitMixture(X, { family: spy, nClusters: 3, nInit: 3 });
    expect(spy.callsTo('validate')).toHaveLength(1);
  });

  it('a row of zero density under every component, and a NaN log-density', () => {
    const zero = new MockComponentFamily({
      overrideLogDensity: (row) => (row === 17 ? -Infinity : undefined),
    });
    expectInvalid(() => fitMixture(X, { family: zero, nClusters: 2 }), 'X', /row 17.*zero density/);
    const nan = new MockComponentFamily({
      overrideLogDensity: (row) => (row === 5 ? Number.NaN : undefined),
    });
    expectInvalid(() => fitMixture(X, { family: nan, nClusters: 2 }), 'X', /row 5.*NaN/);
  });

  it('bad options', () => {
    expectInvalid(() => fitMixture(X, { ...unit, nClusters: 0 }), 'nClusters', /integer/);
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 2, tolerance: -1 }),
      'tolerance',
      />= 0/,
    );
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 2, maxIterations: 1.5 }),
      'maxIterations',
      /integer/,
    );
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 2, weightConcentration: 0.5 }),
      'weightConcentration',
      />= 1/,
    );
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 2, frozenComponents: [2] }),
      'frozenComponents',
      /\[0, 1\]/,
    );
    expectInvalid(
      () => fitMixture(X, { ...unit, nClusters: 2, init: 'kmeans++' as never }),
      'init',
      /expected one of/,
    );
    expectInvalid(() => fitMixture(X, { components: [] }), 'components', /non-empty/);
  });
});

describe('degenerate data and components are handled and reported', () => {
  it('duplicate points: every component sits on the single point', () => {
    const same = createMatrix(20, 2, new Float64Array(40).fill(3));
    const model = fitMixture(same, { ...unit, nClusters: 3, init: 'random' });
    for (const mean of means(model.params)) {
      expect(mean[0]).toBeCloseTo(3, 13);
      expect(mean[1]).toBeCloseTo(3, 13);
    }
    expect(model.diagnostics.converged).toBe(true);
  });

  it('a constant column with a fitted variance family', () => {
    const constant = createMatrix(150, 3);
    for (let i = 0; i < 150; i++) {
      constant.data.set([X.data[i * 2], 5, X.data[i * 2 + 1]], i * 3);
    }
    const model = fitMixture(constant, {
      family: pooledVarianceGaussianFamily(),
      nClusters: 3,
      random: 1,
    });
    expect(Number.isFinite(model.score(constant))).toBe(true);
    for (const mean of means(model.params)) expect(mean[1]).toBeCloseTo(5, 12);
  });

  it('k = 1 is the closed-form fit: the data mean, converged at the second iteration', () => {
    const model = fitMixture(X, { ...unit, nClusters: 1 });
    const mean = [0, 1].map(
      (j) => Array.from({ length: 150 }, (_, i) => X.data[i * 2 + j]).reduce((a, b) => a + b) / 150,
    );
    means(model.params)[0].forEach((v, j) => {
      expect(v).toBeCloseTo(mean[j], 12);
    });
    expect(model.diagnostics.iterations).toBe(2);
    expect(Array.from(model.weights)).toEqual([1]);
  });

  it('k = n: one component per row', () => {
    const small = createMatrix(
      6,
      2,
      Float64Array.from([0, 0, 10, 0, 0, 10, 10, 10, 20, 20, 30, 0]),
    );
    const model = fitMixture(small, {
      ...unit,
      nClusters: 6,
      init: { kind: 'labels', labels: [0, 1, 2, 3, 4, 5] },
    });
    expect(Number.isFinite(model.score(small))).toBe(true);
    expect(new Set(model.predict(small)).size).toBe(6);
  });

  it('an empty component is re-seeded from the worst explained row and reported', () => {
    const twoLabels = Int32Array.from(labels, (label) => Math.min(label, 1));
    const model = fitMixture(X, {
      ...unit,
      nClusters: 3,
      init: { kind: 'labels', labels: twoLabels },
    });
    expect(model.diagnostics.warnings[0]).toEqual({
      kind: 'empty-component',
      restart: 0,
      iteration: 0,
      component: 2,
      action: 'reseeded',
    });
    expect(Number.isFinite(model.score(X))).toBe(true);
  });

  it('a degenerate estimate is re-seeded and reported with its reason', () => {
    const family = new MockComponentFamily({
      failEstimate: (call) => (call === 4 ? 'singular' : undefined),
    });
    const model = fitMixture(X, { family, nClusters: 3, random: 2 });
    expect(model.diagnostics.warnings).toContainEqual({
      kind: 'degenerate-component',
      restart: 0,
      iteration: 1,
      component: 1,
      reason: 'singular',
      action: 'reseeded',
    });
  });

  it('when re-seeding fails too, the component keeps its previous parameters', () => {
    const family = new MockComponentFamily({
      failEstimate: (call) => (call >= 3 ? 'no-support' : undefined),
    });
    const model = fitMixture(X, {
      family,
      nClusters: 3,
      init: 'random-from-data',
      maxIterations: 2,
      tolerance: 0,
    });
    const kept = model.diagnostics.warnings.filter((w) => w.kind === 'degenerate-component');
    expect(kept).toHaveLength(6);
    for (const warning of kept)
      expect(warning).toMatchObject({ action: 'kept-previous', reason: 'no-support' });
    expect(family.internalAccesses).toEqual([]);
  });

  it('a degenerate initial estimate with nothing to fall back on is thrown', () => {
    const family = new MockComponentFamily({ failEstimate: () => 'singular' });
    expect(() => fitMixture(X, { family, nClusters: 2 })).toThrow(/injected failure/);
  });
});

describe('re-seeding with the built-in families', () => {
  it.each(['full', 'diag', 'spherical', 'tied'] as const)(
    '%s Gaussian: an empty initial component is re-seeded and the fit stays finite',
    async (type) => {
      const { gaussianDiag, gaussianFull, gaussianSpherical, gaussianTied } = await import(
        '@mixkit/distributions'
      );
      const family = {
        full: gaussianFull,
        diag: gaussianDiag,
        spherical: gaussianSpherical,
        tied: gaussianTied,
      }[type]();
      const twoLabels = Int32Array.from(labels, (label) => Math.min(label, 1));
      const model = fitMixture(X, {
        family,
        nClusters: 3,
        init: { kind: 'labels', labels: twoLabels },
      });
      expect(model.diagnostics.warnings[0]).toMatchObject({
        kind: 'empty-component',
        component: 2,
      });
      expect(Number.isFinite(model.score(X))).toBe(true);
      expect(model.weights[2]).toBeGreaterThan(0);
    },
  );
});
