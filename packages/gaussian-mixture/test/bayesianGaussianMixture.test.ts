import { InvalidInputError } from '@mixkit/core';
import { loadIris } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture } from '../src/variational/bayesianGaussianMixture.js';
import { BayesianGaussianMixtureModel } from '../src/variational/bayesianGaussianMixtureModel.js';

describe('BayesianGaussianMixture', () => {
  const X = loadIris().X;
  const fit = (seed: number) =>
    new BayesianGaussianMixture({ nClusters: 8, covarianceType: 'full', nInit: 2 }).fit(X, {
      random: seed,
    });

  it('reports components with less than one row of expected membership, and prunes them', () => {
    const model = fit(0);
    const unused = model.unusedComponents;
    expect(unused.length).toBeGreaterThan(0);
    for (const k of unused) expect(model.counts[k]).toBeLessThan(1);
    let total = 0;
    for (const count of model.counts) total += count;
    expect(total).toBeCloseTo(X.rows, 9);

    const pruned = model.prune();
    expect(pruned.nClusters).toBe(8 - unused.length);
    expect(pruned.unusedComponents).toEqual([]);
    let weightSum = 0;
    for (const w of pruned.weights) weightSum += w;
    expect(weightSum).toBeCloseTo(1, 14);
    // Rows no dropped component claimed keep their component.
    const kept = Array.from({ length: 8 }, (_, k) => k).filter((k) => !unused.includes(k));
    const before = model.predict(X);
    const after = pruned.predict(X);
    for (let i = 0; i < X.rows; i++) {
      if (!unused.includes(before[i])) expect(kept[after[i]]).toBe(before[i]);
    }
  });

  it('repeats bit for bit from the same seed, and its lower bound never decreases', () => {
    const a = fit(3);
    const b = fit(3);
    expect(a.lowerBound).toBe(b.lowerBound);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const steps = new BayesianGaussianMixture({
      nClusters: 5,
      covarianceType: 'diag',
      tolerance: 0,
      maxIterations: 60,
    }).iterate(X);
    let previous = Number.NEGATIVE_INFINITY;
    for (let step = steps.next(); !step.done; step = steps.next()) {
      expect(step.value.objective).toBeGreaterThanOrEqual(previous - 1e-9 * Math.abs(previous));
      previous = step.value.objective;
    }
  });

  it('rejects bad options with typed errors', () => {
    expect(() => new BayesianGaussianMixture({ nClusters: 0 })).toThrow(InvalidInputError);
    expect(() => new BayesianGaussianMixture({ degreesOfFreedomPrior: 2 }).fit(X)).toThrow(
      InvalidInputError,
    );
    expect(() =>
      new BayesianGaussianMixture({ covarianceType: 'diag', covariancePrior: [1, 2] }).fit(X),
    ).toThrow(InvalidInputError);
  });

  it('reads back from JSON exactly, pruned or not, for every covariance type and weight prior', () => {
    for (const covarianceType of ['full', 'diag', 'spherical', 'tied'] as const) {
      for (const weightPrior of ['dirichlet-process', 'dirichlet-distribution'] as const) {
        const model = new BayesianGaussianMixture({
          nClusters: 6,
          covarianceType,
          weightPrior,
        }).fit(X, { random: 1 });
        for (const original of [model, model.prune()]) {
          const back = BayesianGaussianMixtureModel.fromJSON(
            JSON.parse(JSON.stringify(original.toJSON())),
          );
          expect(back.covarianceType).toBe(covarianceType);
          expect(back.weightPrior).toBe(weightPrior);
          expect(back.nClusters).toBe(original.nClusters);
          expect(Array.from(back.scoreSamples(X))).toEqual(Array.from(original.scoreSamples(X)));
          expect(Array.from(back.predictProba(X).data)).toEqual(
            Array.from(original.predictProba(X).data),
          );
          expect(Array.from(back.weights)).toEqual(Array.from(original.weights));
          expect(back.unusedComponents).toEqual(original.unusedComponents);
          expect(back.lowerBound).toBe(original.lowerBound);
          expect(back.toJSON()).toEqual(original.toJSON());
        }
      }
    }
  });

  it('names the malformed field of a damaged JSON document', () => {
    const json = fit(0).toJSON() as { [key: string]: unknown };
    expect(() => BayesianGaussianMixtureModel.fromJSON({ ...json, kind: 'mixture' })).toThrow(
      /json\.kind/,
    );
    expect(() => BayesianGaussianMixtureModel.fromJSON({ ...json, covarianceType: 'VVV' })).toThrow(
      /json\.covarianceType/,
    );
    expect(() => BayesianGaussianMixtureModel.fromJSON({ ...json, logWeights: [1, 2] })).toThrow(
      /json\.logWeights/,
    );
    const posterior = json['posterior'] as { [key: string]: unknown[] };
    const params = posterior['params'].map((p, k) => (k === 2 ? 3 : p));
    expect(() =>
      BayesianGaussianMixtureModel.fromJSON({ ...json, posterior: { ...posterior, params } }),
    ).toThrow(/json\.posterior\.params at row 2/);
  });
});

describe('BayesianGaussianMixture.fitAsync', () => {
  const X = loadIris().X;
  it('gives the same posterior as fit, calling onIteration once per iteration', async () => {
    const mixture = new BayesianGaussianMixture({ nClusters: 4, covarianceType: 'diag', nInit: 2 });
    const sync = mixture.fit(X, { random: 3 });
    let steps = 0;
    const async = await mixture.fitAsync(X, {
      random: 3,
      onIteration: () => {
        steps++;
      },
    });
    expect(async.lowerBound).toBe(sync.lowerBound);
    expect(Array.from(async.counts)).toEqual(Array.from(sync.counts));
    expect(steps).toBeGreaterThanOrEqual(sync.iterations);
  });
});
