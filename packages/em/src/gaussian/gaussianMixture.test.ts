import { InvalidInputError } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/sklearn-gmm.json' with { type: 'json' };
import { MixtureModel } from '../mixtureModel.js';
import type { CovarianceType } from './covariance/covarianceStrategy.js';
import { GaussianMixture } from './gaussianMixture.js';
import { GaussianMixtureModel } from './gaussianMixtureModel.js';

const iris = loadIris().X;
const faithful = loadFaithful().X;
const types: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

describe('GaussianMixture', () => {
  it.each(types)(
    '%s: attributes have scikit-learn shapes and predict matches fitPredict',
    (covarianceType) => {
      const gmm = new GaussianMixture({ nComponents: 3, covarianceType, random: 1 });
      const model = gmm.fit(iris);
      expect(model.covarianceType).toBe(covarianceType);
      expect([model.means.rows, model.means.cols]).toEqual([3, 4]);
      const covariances = model.covariances as unknown[];
      const precisions = model.precisions as unknown[];
      const shape = (value: unknown): number[] =>
        Array.isArray(value) ? [value.length, ...shape(value[0])] : [];
      const expected = { full: [3, 4, 4], tied: [4, 4], diag: [3, 4], spherical: [3] }[
        covarianceType
      ];
      expect(shape(covariances)).toEqual(expected);
      expect(shape(precisions)).toEqual(expected);
      expect(model.converged).toBe(true);
      expect(model.nIter).toBe(model.diagnostics.iterations);
      expect(model.lowerBound).toBe(model.diagnostics.objective.at(-1));
      expect(gmm.fitPredict(iris)).toEqual(model.predict(iris));
    },
  );

  it('precisions are the inverses of the covariances', () => {
    for (const covarianceType of ['full', 'tied'] as const) {
      const model = new GaussianMixture({ nComponents: 2, covarianceType }).fit(faithful);
      const pairs =
        covarianceType === 'full'
          ? (model.covariances as number[][][]).map((c, k) => [
              c,
              (model.precisions as number[][][])[k]!,
            ])
          : [[model.covariances as number[][], model.precisions as number[][]]];
      for (const [C, P] of pairs) {
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            const product = C![i]![0]! * P![0]![j]! + C![i]![1]! * P![1]![j]!;
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
      nComponents: 3,
      covarianceType: 'diag',
      weightsInit: testCase.weightsInit,
      meansInit: testCase.meansInit,
      precisionsInit: testCase.precisionsInit,
      maxIter: 0,
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
      expect(p).toBeCloseTo((testCase.precisionsInit as number[][]).flat()[i]!, 12);
    });
  });

  it('a partial init replaces only what is given on top of the initParams start', () => {
    const base = new GaussianMixture({ nComponents: 2, maxIter: 0, random: 3 }).fit(faithful);
    const meansInit = [
      [2, 55],
      [4.5, 80],
    ];
    const adjusted = new GaussianMixture({ nComponents: 2, maxIter: 0, random: 3, meansInit }).fit(
      faithful,
    );
    expect(Array.from(adjusted.means.data)).toEqual(meansInit.flat());
    expect(adjusted.covariances).toEqual(base.covariances);
    expect(adjusted.weights).toEqual(base.weights);
    const weighted = new GaussianMixture({
      nComponents: 2,
      maxIter: 0,
      random: 3,
      weightsInit: [0.25, 0.75],
    }).fit(faithful);
    expect(Array.from(weighted.weights)).toEqual([0.25, 0.75]);
    expect(weighted.means).toEqual(base.means);
  });

  it.each(['kmeans', 'k-means++', 'random', 'random_from_data'] as const)(
    "initParams '%s' fits the Old Faithful eruptions into two clusters",
    (initParams) => {
      // Random responsibilities start both components near the data mean, a saddle EM leaves
      // slowly, so the tolerance is tighter than the default.
      const model = new GaussianMixture({
        nComponents: 2,
        initParams,
        nInit: 2,
        tol: 1e-8,
        maxIter: 1000,
        random: 2,
      }).fit(faithful);
      const eruptions = Array.from({ length: 2 }, (_, c) => model.means.data[c * 2]!).sort(
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
        return [iris.data[r * 4]!, 7, iris.data[r * 4 + 2]!];
      });
      const model = new GaussianMixture({ nComponents: 3, covarianceType, random: 5 }).fit(rows);
      expect(Number.isFinite(model.score(rows))).toBe(true);
      expect(model.diagnostics.warnings.filter((w) => w.kind !== 'not-converged')).toEqual([]);
    },
  );

  it('fitAsync gives the same model as fit', async () => {
    const gmm = new GaussianMixture({ nComponents: 3, covarianceType: 'tied', random: 4 });
    const [sync, async] = [gmm.fit(iris), await gmm.fitAsync(iris)];
    expect(async.toJSON()).toEqual(sync.toJSON());
    expect(async).toBeInstanceOf(GaussianMixtureModel);
  });

  it('round-trips through JSON as a GaussianMixtureModel', () => {
    const model = new GaussianMixture({ nComponents: 3, covarianceType: 'full' }).fit(iris);
    const back = GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(back.covarianceType).toBe('full');
    expect(back.predictProba(iris)).toEqual(model.predictProba(iris));
    expect(() =>
      GaussianMixtureModel.fromMixture(MixtureModel.fromJSON(model.toJSON())),
    ).not.toThrow();
  });

  it('rejects bad options with typed errors', () => {
    const bad: [() => unknown, string][] = [
      [() => new GaussianMixture({ nComponents: 0 }), 'nComponents'],
      [() => new GaussianMixture({ covarianceType: 'banana' as never }), 'covarianceType'],
      [() => new GaussianMixture({ initParams: 'kmeans++' as never }), 'initParams'],
      [() => new GaussianMixture({ regCovar: -1 }), 'regCovar'],
      [() => new GaussianMixture({ nComponents: 2, weightsInit: [0.5, 0.6] }), 'weightsInit'],
      [
        () => new GaussianMixture({ nComponents: 2, meansInit: [[1, 2]] }).fit(faithful),
        'meansInit',
      ],
      [
        () => new GaussianMixture({ nComponents: 2, meansInit: [[1], [2]] }).fit(faithful),
        'meansInit',
      ],
      [
        () =>
          new GaussianMixture({
            nComponents: 1,
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
            nComponents: 2,
            covarianceType: 'spherical',
            precisionsInit: [1, -1],
          }).fit(faithful),
        'precisionsInit',
      ],
      [
        () =>
          new GaussianMixture({
            nComponents: 2,
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
