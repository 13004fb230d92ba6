import { type AnyComponentFamily, type FamilySpec, InvalidInputError } from '@mixkit/core';
import {
  MockComponentFamily,
  pooledVarianceGaussianFamily,
  unitGaussianFamily,
} from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { logJoint, logSumExp, means, threeBlobs } from '../../test/helpers.js';
import { fitMixture } from '../run/fitMixture.js';
import { MixtureModel } from './mixtureModel.js';

const { X } = threeBlobs();
const pooled = pooledVarianceGaussianFamily();
const model = fitMixture(X, { components: [unitGaussianFamily, pooled, pooled], random: 3 });
const joint = logJoint(model.families, model.params, model.weights, X);

describe('MixtureModel scoring', () => {
  it('predictProba rows are the normalised joint densities and sum to 1', () => {
    const proba = model.predictProba(X);
    expect([proba.rows, proba.cols]).toEqual([150, 3]);
    joint.forEach((row, i) => {
      const lse = logSumExp(row);
      let sum = 0;
      row.forEach((v, c) => {
        expect(proba.data[i * 3 + c]).toBeCloseTo(Math.exp(v - lse), 14);
        sum += proba.data[i * 3 + c];
      });
      expect(sum).toBeCloseTo(1, 14);
    });
  });

  it('scoreSamples is the row log-likelihood and score its mean', () => {
    const scores = model.scoreSamples(X);
    joint.forEach((row, i) => {
      expect(scores[i]).toBeCloseTo(logSumExp(row), 12);
    });
    expect(model.score(X)).toBeCloseTo(scores.reduce((a, b) => a + b) / 150, 13);
  });

  it('predict is the argmax of predictProba and uncertainty 1 - its max', () => {
    const proba = model.predictProba(X);
    const labels = model.predict(X);
    const uncertainty = model.uncertainty(X);
    for (let i = 0; i < 150; i++) {
      const row = Array.from(proba.data.subarray(i * 3, i * 3 + 3));
      expect(labels[i]).toBe(row.indexOf(Math.max(...row)));
      expect(uncertainty[i]).toBeCloseTo(1 - Math.max(...row), 15);
    }
  });

  it('counts parameters: per component, shared ones once per family, k - 1 weights', () => {
    // unit Gaussian mean (2) + two pooled means (2 + 2) + one pooled variance + 2 weights
    expect(model.nParameters()).toBe(2 + 4 + 1 + 2);
  });

  it('bic, aic and icl follow their definitions from the total log-likelihood', () => {
    const total = model.score(X) * 150;
    const p = model.nParameters();
    expect(model.bic(X)).toBeCloseTo(-2 * total + p * Math.log(150), 9);
    expect(model.aic(X)).toBeCloseTo(-2 * total + 2 * p, 9);
    const proba = model.predictProba(X).data;
    const entropy = -proba.reduce((s, r) => (r > 0 ? s + r * Math.log(r) : s), 0);
    expect(model.icl(X)).toBeCloseTo(model.bic(X) + 2 * entropy, 9);
  });
});

describe('MixtureModel.sample', () => {
  it('draws component counts from the weights and rows from each family', () => {
    const sample = model.sample(30_000, 5);
    expect([sample.X.rows, sample.X.cols]).toEqual([30_000, 2]);
    const weights = model.weights;
    for (let c = 0; c < 3; c++) {
      const rows = Array.from(sample.labels.keys()).filter((i) => sample.labels[i] === c);
      const share = rows.length / 30_000;
      const sd = Math.sqrt((weights[c] * (1 - weights[c])) / 30_000);
      expect(Math.abs(share - weights[c])).toBeLessThan(5 * sd);
      const mean = [0, 1].map(
        (j) => rows.reduce((s, i) => s + sample.X.data[i * 2 + j], 0) / rows.length,
      );
      means(model.params)[c].forEach((m, j) => {
        expect(Math.abs(mean[j] - m)).toBeLessThan(0.1);
      });
    }
  });

  it('is repeatable from a seed and goes through family.sample once per component', () => {
    const family = new MockComponentFamily();
    const spied = fitMixture(X, { family, nClusters: 3 });
    family.clearCalls();
    const a = spied.sample(100, 1);
    const calls = family.callsTo('sample');
    expect(calls).toHaveLength(3);
    expect(calls.reduce((s, call) => s + call.value!, 0)).toBe(100);
    expect(spied.sample(100, 1)).toEqual(a);
  });
});

describe('MixtureModel JSON', () => {
  const registry = (spec: FamilySpec): AnyComponentFamily => {
    if (spec.kind === unitGaussianFamily.kind) return unitGaussianFamily;
    return pooledVarianceGaussianFamily((spec.options as { regVariance: number }).regVariance);
  };

  it('round-trips through JSON text with bit-identical scores and shared families kept shared', () => {
    const text = JSON.stringify(model.toJSON());
    const back = MixtureModel.fromJSON(JSON.parse(text), registry);
    expect(back.predictProba(X)).toEqual(model.predictProba(X));
    expect(back.scoreSamples(X)).toEqual(model.scoreSamples(X));
    expect(back.families[1]).toBe(back.families[2]);
    expect(back.families[0]).not.toBe(back.families[1]);
    expect(back.nParameters()).toBe(model.nParameters());
    expect(back.diagnostics).toEqual(model.diagnostics);
    expect(back.toJSON()).toEqual(model.toJSON());
  });

  it('rejects malformed documents with InvalidInputError', () => {
    const json = model.toJSON();
    const bad = [
      null,
      [],
      { ...json, kind: 'other' },
      { ...json, version: 2 },
      { ...json, logWeights: [0] },
    ];
    for (const doc of bad) {
      expect(() => MixtureModel.fromJSON(doc as never, registry)).toThrow(InvalidInputError);
    }
  });
});
