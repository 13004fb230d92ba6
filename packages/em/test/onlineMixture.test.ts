import {
  AbortedError,
  type AnyComponentFamily,
  createMatrix,
  createRandom,
  InvalidInputError,
  type Matrix,
  NotFittedError,
} from '@mixkit/core';
import { makeGaussianMixture } from '@mixkit/datasets';
import { gaussianFull, poisson, poissonParams } from '@mixkit/distributions';
import { gaussianBlobs, unitGaussianFamily } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import type { MixtureModel } from '../src/model/mixtureModel.js';
import { OnlineMixture } from '../src/online/onlineMixture.js';
import { stepSize } from '../src/online/stepSize.js';
import { fitMixture } from '../src/run/fitMixture.js';
import { logJoint, rowSlice } from './helpers.js';

/** Component permutation of `b` matching `a` by the closest means. */
function matchByMean(a: readonly Float64Array[], b: readonly Float64Array[]): number[] {
  return a.map((mean) => {
    let best = 0;
    let bestDistance = Infinity;
    b.forEach((other, j) => {
      const distance = mean.reduce((s, v, i) => s + (v - other[i]) ** 2, 0);
      if (distance < bestDistance) {
        best = j;
        bestDistance = distance;
      }
    });
    return best;
  });
}

const meansOf = (model: MixtureModel) =>
  model.params.map((p) => (p as { mean: Float64Array }).mean);

describe('OnlineMixture (stepwise EM)', () => {
  it('the schedule is η_t = (t + t0)^(−κ), with κ = 0.7 and t0 = 2 by default', () => {
    expect(stepSize(1)).toBe(3 ** -0.7);
    expect(stepSize(10, { stepDecay: 1, stepOffset: 0 })).toBe(0.1);
    expect(() => stepSize(1, { stepDecay: 0.5 })).toThrow(/stepDecay/);
    expect(() => stepSize(1, { stepDecay: 1.2 })).toThrow(/stepDecay/);
    expect(
      () => new OnlineMixture({ family: gaussianFull(), nClusters: 2, stepOffset: -1 }),
    ).toThrow(InvalidInputError);
  });

  it('one update is s ← (1 − η) s + η ŝ on per-sample averages, then the M-step (checked by hand)', () => {
    const { X } = gaussianBlobs({
      centers: [
        [0, 0],
        [3, 1],
      ],
      size: 30,
      seed: 2,
    });
    const first = rowSlice(X, 0, 25);
    const second = rowSlice(X, 25, 60);
    const start = [Float64Array.from([0.5, 0]), Float64Array.from([2, 2])];
    const online = new OnlineMixture({
      family: unitGaussianFamily,
      nClusters: 2,
      init: { kind: 'params', params: start.map((mean) => ({ mean })), weights: [0.4, 0.6] },
    });
    const families: AnyComponentFamily[] = [unitGaussianFamily, unitGaussianFamily];
    /** Per-sample averages of responsibilities and responsibility-weighted rows. */
    const averages = (batch: Matrix, model: MixtureModel) => {
      const joint = logJoint(families, model.params, model.weights, batch);
      const n = new Float64Array(2);
      const s = [new Float64Array(2), new Float64Array(2)];
      joint.forEach((row, i) => {
        const total = Math.log(row.reduce((acc, v) => acc + Math.exp(v), 0));
        row.forEach((v, c) => {
          const r = Math.exp(v - total);
          n[c] += r / batch.rows;
          for (let j = 0; j < 2; j++) s[c][j] += (r * batch.data[i * 2 + j]) / batch.rows;
        });
      });
      return { n, s };
    };
    const initial = fitMixture(first, {
      family: unitGaussianFamily,
      nClusters: 2,
      init: { kind: 'params', params: start.map((mean) => ({ mean })), weights: [0.4, 0.6] },
      maxIterations: 0,
    });
    const a1 = averages(first, initial);
    online.partialFit(first);
    expect(online.lastStepSize).toBe(1);
    const afterFirst = online.model;
    const a2 = averages(second, afterFirst);
    online.partialFit(second);
    const eta = 3 ** -0.7;
    expect(online.lastStepSize).toBe(eta);
    const model = online.model;
    for (let c = 0; c < 2; c++) {
      const n = (1 - eta) * a1.n[c] + eta * a2.n[c];
      expect(model.weights[c]).toBeCloseTo(n, 14);
      for (let j = 0; j < 2; j++) {
        const s = (1 - eta) * a1.s[c][j] + eta * a2.s[c][j];
        expect(meansOf(model)[c][j]).toBeCloseTo(s / n, 13);
      }
    }
    expect(online.nBatches).toBe(2);
    expect(online.nSamplesSeen).toBe(60);
  });

  it('converges on a stream from a known mixture to within tolerance of batch EM', () => {
    const { X } = makeGaussianMixture({
      nSamples: 30_000,
      nClusters: 3,
      nFeatures: 2,
      weights: [0.5, 0.3, 0.2],
      random: 7,
    });
    const family = gaussianFull();
    const batch = fitMixture(X, { family, nClusters: 3, nInit: 3, random: 1 });
    const online = new OnlineMixture({ family, nClusters: 3, random: 1 });
    const batchRows = 200;
    for (let start = 0; start < X.rows; start += batchRows) {
      online.partialFit(rowSlice(X, start, Math.min(X.rows, start + batchRows)));
    }
    const model = online.model;
    const order = matchByMean(meansOf(batch), meansOf(model));
    expect(new Set(order).size).toBe(3);
    order.forEach((j, c) => {
      const batchParams = batch.params[c] as { mean: Float64Array; covariance: Float64Array };
      const onlineParams = model.params[j] as { mean: Float64Array; covariance: Float64Array };
      expect(Math.abs(model.weights[j] - batch.weights[c])).toBeLessThan(0.02);
      batchParams.mean.forEach((v, i) => {
        expect(Math.abs(onlineParams.mean[i] - v)).toBeLessThan(0.1);
      });
      batchParams.covariance.forEach((v, i) => {
        expect(Math.abs(onlineParams.covariance[i] - v)).toBeLessThan(0.15);
      });
    });
    // Nearly the batch optimum's likelihood on the whole data.
    expect(model.score(X)).toBeGreaterThan(batch.score(X) - 0.003);
    expect(model.score(X)).toBeLessThanOrEqual(batch.score(X) + 1e-9);
  });

  it('works for any family through scale/merge (Poisson counts)', () => {
    const random = createRandom(3);
    const rates = [2, 9, 25];
    const n = 12_000;
    const X = createMatrix(n, 1);
    const family = poisson();
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      family.sample(poissonParams([rates[c]]), 1, random, X.data, i);
    }
    const online = new OnlineMixture({ family, nClusters: 3, random: 0 });
    for (let start = 0; start < n; start += 100) online.partialFit(rowSlice(X, start, start + 100));
    const fitted = online.model.params
      .map((p) => (p as { rates: Float64Array }).rates[0])
      .sort((a, b) => a - b);
    fitted.forEach((rate, c) => {
      expect(Math.abs(rate - rates[c]) / rates[c]).toBeLessThan(0.1);
    });
  });

  it('reports progress per batch and honours an AbortSignal', async () => {
    const { X } = gaussianBlobs({
      centers: [
        [0, 0],
        [5, 5],
      ],
      size: 100,
      seed: 1,
    });
    const progress: { iteration: number; objective: number }[] = [];
    const online = new OnlineMixture({
      family: gaussianFull(),
      nClusters: 2,
      onIteration: ({ iteration, objective }) => progress.push({ iteration, objective }),
    });
    const batches = [0, 50, 100, 150].map((s) => rowSlice(X, s, s + 50));
    online.partialFit(batches[0]).partialFit(batches[1]);
    expect(progress.map((p) => p.iteration)).toEqual([1, 2]);
    // Batch 2's objective is its mean log-likelihood under the parameters after batch 1.
    const afterOne = new OnlineMixture({ family: gaussianFull(), nClusters: 2 }).partialFit(
      batches[0],
    ).model;
    expect(progress[1].objective).toBeCloseTo(afterOne.score(batches[1]), 12);
    expect(online.model.diagnostics.objective).toEqual(progress.map((p) => p.objective));

    expect(() => online.partialFit(batches[2], { signal: AbortSignal.abort() })).toThrow(
      AbortedError,
    );
    expect(online.nBatches).toBe(2);
    const controller = new AbortController();
    let seen = 0;
    const streaming = new OnlineMixture({ family: gaussianFull(), nClusters: 2 });
    const run = streaming.partialFitStream(batches, {
      signal: controller.signal,
      onIteration: () => {
        seen++;
        if (seen === 3) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(AbortedError);
    expect(streaming.nBatches).toBe(3);
  });

  it('rejects use before fitting, batches of another width, empty batches and a too-small first batch', () => {
    const online = new OnlineMixture({ family: gaussianFull(), nClusters: 3 });
    expect(() => online.model).toThrow(NotFittedError);
    expect(() => online.partialFit([[0, 0]])).toThrow(/cannot fit 3 components to 1 rows/);
    online.partialFit(Array.from({ length: 30 }, (_, i) => [i % 7, (i * 3) % 5]));
    expect(() => online.partialFit([[1, 2, 3]])).toThrow(/batch.*expected 2 columns/);
    expect(() => online.partialFit({ rows: 0, cols: 2, data: new Float64Array(0) })).toThrow(
      /empty/,
    );
    expect(() => online.partialFit([[Number.NaN, 1]])).toThrow(InvalidInputError);
    // A single-row batch after the first is fine.
    online.partialFit([[1, 1]]);
    expect(online.nBatches).toBe(2);
  });
});
