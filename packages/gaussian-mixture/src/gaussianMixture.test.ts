import { InvalidInputError } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import { type CovarianceType, familyFromSpec } from '@mixkit/distributions';
import { MixtureModel } from '@mixkit/em';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/sklearn-gmm.json' with { type: 'json' };
import { GaussianMixture } from './gaussianMixture.js';
import { GaussianMixtureModel } from './gaussianMixtureModel.js';

const iris = loadIris().X;
const faithful = loadFaithful().X;
const types: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

describe('GaussianMixture', () => {
  it.each(types)(
    '%s: attributes have scikit-learn shapes and predict matches fitPredict',
    (covarianceType) => {
      const gmm = new GaussianMixture({ nClusters: 3, covarianceType });
      const model = gmm.fit(iris, { random: 1 });
      expect(model.covarianceType).toBe(covarianceType);
      expect([model.means.rows, model.means.cols]).toEqual([3, 4]);
      const covariances = model.covariances as unknown[];
      const precisions = model.precisions as unknown[];
      const shape = (value: unknown): number[] =>
        Array.isArray(value) ? [value.length, ...shape(value[0])] : [];
      const shapes: Record<CovarianceType, number[]> = {
        full: [3, 4, 4],
        tied: [4, 4],
        diag: [3, 4],
        spherical: [3],
      };
      const expected = shapes[covarianceType];
      expect(shape(covariances)).toEqual(expected);
      expect(shape(precisions)).toEqual(expected);
      expect(model.converged).toBe(true);
      expect(model.iterations).toBe(model.diagnostics.iterations);
      expect(model.lowerBound).toBe(model.diagnostics.objective.at(-1));
      expect(gmm.fitPredict(iris, { random: 1 })).toEqual(model.predict(iris));
    },
  );

  it('precisions are the inverses of the covariances', () => {
    for (const covarianceType of ['full', 'tied'] as const) {
      const model = new GaussianMixture({ nClusters: 2, covarianceType }).fit(faithful);
      const pairs =
        covarianceType === 'full'
          ? (model.covariances as number[][][]).map((c, k) => [
              c,
              (model.precisions as number[][][])[k],
            ])
          : [[model.covariances as number[][], model.precisions as number[][]]];
      for (const [C, P] of pairs) {
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            const product = C![i][0] * P![0][j] + C![i][1] * P![1][j];
            expect(product).toBeCloseTo(i === j ? 1 : 0, 10);
          }
        }
      }
    }
  });

  it('with all three inits given, the start is exactly those parameters (scikit-learn _initialize)', () => {
    const testCase = fixture.cases.find(
      (c) => c.dataset === 'iris' && c.covarianceType === 'diag',
    )!;
    const model = new GaussianMixture({
      nClusters: 3,
      covarianceType: 'diag',
      weightsInit: testCase.weightsInit,
      meansInit: testCase.meansInit,
      precisionsInit: testCase.precisionsInit as number[][],
      maxIterations: 0,
    }).fit(iris);
    expect(Array.from(model.weights)).toEqual(
      testCase.weightsInit.map((w) =>
        Math.exp(Math.log(w / testCase.weightsInit.reduce((a, b) => a + b))),
      ),
    );
    const means = model.means;
    testCase.meansInit.flat().forEach((v, i) => {
      expect(means.data[i]).toBe(v);
    });
    (model.precisions as number[][]).flat().forEach((p, i) => {
      expect(p).toBeCloseTo((testCase.precisionsInit as number[][]).flat()[i], 12);
    });
  });

  it('a partial init replaces only what is given on top of the initParams start', () => {
    const base = new GaussianMixture({ nClusters: 2, maxIterations: 0 }).fit(faithful, {
      random: 3,
    });
    const meansInit = [
      [2, 55],
      [4.5, 80],
    ];
    const adjusted = new GaussianMixture({ nClusters: 2, maxIterations: 0, meansInit }).fit(
      faithful,
      {
        random: 3,
      },
    );
    expect(Array.from(adjusted.means.data)).toEqual(meansInit.flat());
    expect(adjusted.covariances).toEqual(base.covariances);
    expect(adjusted.weights).toEqual(base.weights);
    const weighted = new GaussianMixture({
      nClusters: 2,
      maxIterations: 0,
      weightsInit: [0.25, 0.75],
    }).fit(faithful, { random: 3 });
    expect(Array.from(weighted.weights)).toEqual([0.25, 0.75]);
    expect(weighted.means).toEqual(base.means);
  });

  it.each(['k-means', 'k-means++', 'random', 'random-from-data'] as const)(
    "init '%s' fits the Old Faithful eruptions into two clusters",
    (init) => {
      // Random responsibilities start both components near the data mean, a saddle EM leaves
      // slowly, so the tolerance is tighter than the default.
      const model = new GaussianMixture({
        nClusters: 2,
        init,
        nInit: 2,
        tolerance: 1e-8,
        maxIterations: 1000,
      }).fit(faithful, { random: 2 });
      const eruptions = Array.from({ length: 2 }, (_, c) => model.means.data[c * 2]).sort(
        (a, b) => a - b,
      );
      expect(eruptions[0]).toBeCloseTo(2.04, 1);
      expect(eruptions[1]).toBeCloseTo(4.29, 1);
    },
  );

  it.each(types)(
    '%s: a constant column and duplicated rows stay finite thanks to regCovar',
    (covarianceType) => {
      const rows = Array.from({ length: 300 }, (_, i) => {
        const r = i % 150;
        return [iris.data[r * 4], 7, iris.data[r * 4 + 2]];
      });
      const model = new GaussianMixture({ nClusters: 3, covarianceType }).fit(rows, { random: 5 });
      expect(Number.isFinite(model.score(rows))).toBe(true);
      expect(model.diagnostics.warnings.filter((w) => w.kind !== 'not-converged')).toEqual([]);
    },
  );

  it('fitAsync gives the same model as fit', async () => {
    const gmm = new GaussianMixture({ nClusters: 3, covarianceType: 'tied' });
    const [sync, async] = [gmm.fit(iris, { random: 4 }), await gmm.fitAsync(iris, { random: 4 })];
    expect(async.toJSON()).toEqual(sync.toJSON());
    expect(async).toBeInstanceOf(GaussianMixtureModel);
  });

  it('round-trips through JSON as a GaussianMixtureModel', () => {
    const model = new GaussianMixture({ nClusters: 3, covarianceType: 'full' }).fit(iris);
    const back = GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(back.covarianceType).toBe('full');
    expect(back.predictProba(iris)).toEqual(model.predictProba(iris));
    // A model of several Gaussian families, or of another family, is refused.
    const mixed = { ...model.toJSON(), families: [{ kind: 'poisson', options: {} }] };
    expect(() => GaussianMixtureModel.fromJSON(mixed)).toThrow(InvalidInputError);
    // The generic loader rebuilds it too, with the same scores.
    const generic = MixtureModel.fromJSON(model.toJSON(), familyFromSpec);
    expect(generic.scoreSamples(iris)).toEqual(model.scoreSamples(iris));
  });

  it('rejects bad options with typed errors', () => {
    const bad: [() => unknown, string][] = [
      [() => new GaussianMixture({ nClusters: 0 }), 'nClusters'],
      [() => new GaussianMixture({ covarianceType: 'banana' as never }), 'covarianceType'],
      [() => new GaussianMixture({ init: 'kmeans++' as never }), 'init'],
      [() => new GaussianMixture({ regCovar: -1 }), 'regCovar'],
      [() => new GaussianMixture({ nClusters: 2, weightsInit: [0.5, 0.6] }), 'weightsInit'],
      [() => new GaussianMixture({ nClusters: 2, meansInit: [[1, 2]] }).fit(faithful), 'meansInit'],
      [
        () => new GaussianMixture({ nClusters: 2, meansInit: [[1], [2]] }).fit(faithful),
        'meansInit',
      ],
      [
        () =>
          new GaussianMixture({
            nClusters: 1,
            precisionsInit: [
              [
                [1, 2],
                [2, 1],
              ],
            ],
          }).fit(faithful),
        'precisionsInit',
      ],
      [
        () =>
          new GaussianMixture({
            nClusters: 2,
            covarianceType: 'spherical',
            precisionsInit: [1, -1],
          }).fit(faithful),
        'precisionsInit',
      ],
      [
        () =>
          new GaussianMixture({
            nClusters: 2,
            covarianceType: 'diag',
            precisionsInit: [[1, 1]],
          }).fit(faithful),
        'precisionsInit',
      ],
    ];
    for (const [make, argument] of bad) {
      let error: unknown;
      try {
        make();
      } catch (caught) {
        error = caught;
      }
      expect(InvalidInputError.isInstance(error), argument).toBe(true);
      expect((error as InvalidInputError).argument).toBe(argument);
    }
  });
});

describe('GaussianMixture with missing cells', () => {
  it("fits, predicts and round-trips with missing: 'marginalize'; NaN stays an error without it", () => {
    const X = [
      [0, 0.1],
      [0.2, Number.NaN],
      [Number.NaN, -0.1],
      [5, 5.2],
      [5.1, Number.NaN],
      [Number.NaN, 4.9],
      [0.1, -0.2],
      [4.8, 5],
    ];
    for (const covarianceType of ['full', 'diag', 'spherical', 'tied'] as const) {
      const model = new GaussianMixture({
        nClusters: 2,
        covarianceType,
        missing: 'marginalize',
      }).fit(X, { random: 0 });
      const labels = model.predict(X);
      expect(labels[1]).toBe(labels[0]);
      expect(labels[2]).toBe(labels[0]);
      expect(labels[4]).toBe(labels[3]);
      expect(labels[5]).toBe(labels[3]);
      expect(labels[3]).not.toBe(labels[0]);
      const loaded = GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(loaded.missing).toBe('marginalize');
      expect(Array.from(loaded.predict(X))).toEqual(Array.from(labels));
    }
    expect(() => new GaussianMixture({ nClusters: 2 }).fit(X)).toThrow(/row 1, column 1/);
  });
});
