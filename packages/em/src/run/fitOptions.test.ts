import { unitGaussianFamily } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { means, threeBlobs } from '../../test/helpers.js';
import { MixtureModel } from '../model/mixtureModel.js';
import { fitMixture } from './fitMixture.js';

const { X, labels } = threeBlobs();
const unit = { family: unitGaussianFamily, nClusters: 3 } as const;
const start = {
  kind: 'params',
  params: [
    [1, 1],
    [5, 5],
    [1, 8],
  ].map((m) => ({ mean: Float64Array.from(m) })),
  weights: [0.2, 0.3, 0.5],
} as const;

/** Responsibilities of the start parameters, computed by a separately built model. */
function startResponsibilities(): Float64Array {
  const model = new MixtureModel(
    [unitGaussianFamily, unitGaussianFamily, unitGaussianFamily],
    start.params,
    Float64Array.from(start.weights, Math.log),
    2,
    {
      converged: false,
      iterations: 0,
      objective: [],
      bestRestart: 0,
      restartObjectives: [],
      warnings: [],
    },
  );
  return model.predictProba(X).data;
}

describe('mixing weights', () => {
  it('are the responsibility totals over n (one iteration from given parameters)', () => {
    const model = fitMixture(X, { ...unit, init: start, maxIterations: 1 });
    const R = startResponsibilities();
    for (let c = 0; c < 3; c++) {
      let total = 0;
      for (let i = 0; i < 150; i++) total += R[i * 3 + c];
      expect(model.weights[c]).toBeCloseTo(total / 150, 13);
    }
  });

  it('follow the Dirichlet MAP (N_k + a - 1) / (N + k (a - 1)) with weightConcentration a', () => {
    const alpha = 40;
    const model = fitMixture(X, {
      ...unit,
      init: start,
      maxIterations: 1,
      weightConcentration: alpha,
    });
    const R = startResponsibilities();
    for (let c = 0; c < 3; c++) {
      let total = 0;
      for (let i = 0; i < 150; i++) total += R[i * 3 + c];
      expect(model.weights[c]).toBeCloseTo((total + alpha - 1) / (150 + 3 * (alpha - 1)), 13);
    }
  });

  it('stay fixed with freezeWeights', () => {
    const model = fitMixture(X, { ...unit, init: start, freezeWeights: true });
    model.weights.forEach((w, c) => {
      expect(w).toBeCloseTo(start.weights[c], 15);
    });
    expect(means(model.params)[2][1]).toBeGreaterThan(8.5);
  });
});

describe('frozen components', () => {
  it('keep their initial parameters while the others move', () => {
    const model = fitMixture(X, { ...unit, init: start, frozenComponents: [1] });
    expect(model.params[1]).toBe(start.params[1]);
    expect(means(model.params)[0]).not.toEqual([1, 1]);
  });
});

describe('sample weights', () => {
  it('an integer weight equals repeating the row', () => {
    const sampleWeight = Float64Array.from({ length: 150 }, (_, i) => 1 + (i % 3));
    const repeated: number[][] = [];
    for (let i = 0; i < 150; i++) {
      for (let r = 0; r < sampleWeight[i]; r++) repeated.push([X.data[i * 2], X.data[i * 2 + 1]]);
    }
    const weighted = fitMixture(X, {
      ...unit,
      init: start,
      sampleWeight,
      tolerance: 0,
      maxIterations: 20,
    });
    const copies = fitMixture(repeated, { ...unit, init: start, tolerance: 0, maxIterations: 20 });
    weighted.diagnostics.objective.forEach((v, t) => {
      expect(v).toBeCloseTo(copies.diagnostics.objective[t], 12);
    });
    means(weighted.params).forEach((mean, c) => {
      mean.forEach((v, j) => {
        expect(v).toBeCloseTo(means(copies.params)[c][j], 11);
      });
    });
  });

  it('a zero weight removes the row from the fit', () => {
    const sampleWeight = new Float64Array(150).fill(1);
    sampleWeight[0] = 0;
    const kept = fitMixture(X, {
      ...unit,
      init: start,
      sampleWeight,
      tolerance: 0,
      maxIterations: 5,
    });
    const dropped = fitMixture(
      { rows: 149, cols: 2, data: X.data.slice(2) },
      { ...unit, init: start, tolerance: 0, maxIterations: 5 },
    );
    means(kept.params).forEach((mean, c) => {
      mean.forEach((v, j) => {
        expect(v).toBeCloseTo(means(dropped.params)[c][j], 12);
      });
    });
  });
});

describe('semi-supervised fits with prior probabilities', () => {
  it('one-hot priors on every row give the supervised estimate: class means and proportions', () => {
    const priors = Array.from(labels, (label) => [0, 1, 2].map((c) => (c === label ? 1 : 0)));
    const model = fitMixture(X, { ...unit, priorProbabilities: priors, init: 'random' });
    for (let c = 0; c < 3; c++) {
      const rows = Array.from({ length: 150 }, (_, i) => i).filter((i) => labels[i] === c);
      const mean = [0, 1].map((j) => rows.reduce((s, i) => s + X.data[i * 2 + j], 0) / rows.length);
      means(model.params)[c].forEach((v, j) => {
        expect(v).toBeCloseTo(mean[j], 12);
      });
      expect(model.weights[c]).toBeCloseTo(rows.length / 150, 14);
    }
  });

  it('a few labelled rows pin the component order', () => {
    // Label one row of each blob with a permuted component; the rest are unlabelled.
    const permutation = [2, 0, 1];
    const priors = Array.from(labels, (label, i) =>
      i % 50 === 0 ? [0, 1, 2].map((c) => (c === permutation[label] ? 1 : 0)) : [1, 1, 1],
    );
    const model = fitMixture(X, {
      ...unit,
      priorProbabilities: priors,
      init: { kind: 'responsibilities', responsibilities: priors },
    });
    const predicted = model.predict(X);
    let agree = 0;
    for (let i = 0; i < 150; i++) if (predicted[i] === permutation[labels[i]]) agree++;
    expect(agree).toBeGreaterThan(145);
  });

  it('rejects priors of the wrong shape or with a zero row', () => {
    expect(() => fitMixture(X, { ...unit, priorProbabilities: [[1, 0, 0]] })).toThrow(/n x k/);
    const zeroRow = Array.from({ length: 150 }, (_, i) => (i === 4 ? [0, 0, 0] : [1, 1, 1]));
    expect(() => fitMixture(X, { ...unit, priorProbabilities: zeroRow })).toThrow(/row 4/);
  });
});
