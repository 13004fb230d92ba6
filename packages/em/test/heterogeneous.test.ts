import type { AnyComponentFamily } from '@mixkit/core';
import {
  type CategoricalParams,
  categorical,
  categoricalParams,
  familyFromSpec,
  type GaussianDiagParams,
  gaussianDiag,
  gaussianDiagParams,
  gaussianFull,
  gaussianFullParams,
  gaussianSpherical,
  gaussianSphericalParams,
  type PoissonParams,
  poisson,
  poissonParams,
  product,
} from '@mixkit/distributions';
import { adjustedRandIndex } from '@mixkit/metrics';
import { describe, expect, it } from 'vitest';
import { MixtureModel } from '../src/model/mixtureModel.js';
import { fitMixture } from '../src/run/fitMixture.js';

// Columns: 0-1 real (Gaussian), 2 a count (Poisson), 3 a category code with 4 levels.
const blocks = (gaussian: AnyComponentFamily) =>
  product([
    { columns: [0, 1], family: gaussian },
    { columns: [2], family: poisson() },
    { columns: [3], family: categorical({ levels: 4, pseudocount: 1 }) },
  ]);

const truth = {
  weights: [0.5, 0.3, 0.2],
  means: [
    [0, 0],
    [4, 1],
    [0, 5],
  ],
  rates: [2, 9, 25],
  levels: [
    [0.7, 0.1, 0.1, 0.1],
    [0.1, 0.7, 0.1, 0.1],
    [0.25, 0.25, 0.25, 0.25],
  ],
};

/** The true heterogeneous mixture: a diag, a full and a spherical Gaussian block per component. */
function trueModel(): MixtureModel {
  const families = [blocks(gaussianDiag()), blocks(gaussianFull()), blocks(gaussianSpherical())];
  const gaussians = [
    gaussianDiagParams(truth.means[0], [1, 0.5]),
    gaussianFullParams(truth.means[1], [1, 0.6, 0.6, 1]),
    gaussianSphericalParams(truth.means[2], 0.8),
  ];
  const params = gaussians.map((gaussian, c) => [
    gaussian,
    poissonParams([truth.rates[c]]),
    categoricalParams([truth.levels[c]]),
  ]);
  const diagnostics = {
    converged: true,
    iterations: 0,
    objective: [],
    bestRestart: 0,
    restartObjectives: [],
    warnings: [],
  };
  return new MixtureModel(
    families,
    params,
    Float64Array.from(truth.weights, Math.log),
    4,
    diagnostics,
  );
}

describe('a mixture with a different family per component on mixed-type data', () => {
  const source = trueModel();
  const { X, labels } = source.sample(3000, 17);

  it('recovers labels (ARI > 0.95) and parameters of a Gaussian + Poisson + categorical product mixture', () => {
    const model = fitMixture(X, { components: source.families, nInit: 3, random: 5 });
    const predicted = model.predict(X);
    expect(adjustedRandIndex(labels, predicted)).toBeGreaterThan(0.95);
    // Which true component each fitted component took (by majority of its rows).
    const match = [0, 1, 2].map((c) => {
      const counts = [0, 0, 0];
      predicted.forEach((p, i) => {
        if (p === c) counts[labels[i]]++;
      });
      return counts.indexOf(Math.max(...counts));
    });
    expect(new Set(match).size).toBe(3);
    model.params.forEach((p, c) => {
      const t = match[c];
      const [gaussian, counts, category] = p as [
        GaussianDiagParams,
        PoissonParams,
        CategoricalParams,
      ];
      expect(model.weights[c]).toBeCloseTo(truth.weights[t], 1);
      gaussian.mean.forEach((m, j) => {
        expect(Math.abs(m - truth.means[t][j])).toBeLessThan(0.15);
      });
      expect(Math.abs(counts.rates[0] / truth.rates[t] - 1)).toBeLessThan(0.08);
      category.probabilities.forEach((q, level) => {
        expect(Math.abs(q - truth.levels[t][level])).toBeLessThan(0.06);
      });
    });
  });

  it('sampled and refitted models round-trip through JSON with the built-in registry', () => {
    const model = fitMixture(X, { components: source.families, random: 5 });
    const back = MixtureModel.fromJSON(JSON.parse(JSON.stringify(model)), familyFromSpec);
    expect(back.scoreSamples(X)).toEqual(model.scoreSamples(X));
    expect(back.families.map((f) => f.kind)).toEqual(['product', 'product', 'product']);
  });

  it('counts parameters from the families: d + d(d+1)/2 or 2d or d + 1 Gaussian, 1 rate, 3 free levels', () => {
    // diag 2+2, full 2+3, spherical 2+1; each + 1 rate + 3 level probabilities; + 2 weights
    expect(source.nParameters()).toBe(4 + 5 + 3 + 3 * (1 + 3) + 2);
  });
});
