import { loadFaithful, loadIris } from '@mixkit/datasets';
import { BayesianGaussianMixture, mclust } from '@mixkit/gaussian-mixture';
import { describe, expect, it } from 'vitest';
import type { EmSnapshot, FitRequest } from '../fit/fitProtocol.js';
import { MCLUST_MAX_ROWS } from './limits.js';
import { runMethod } from './runMethod.js';

const faithful = loadFaithful().X;

function request(patch: Partial<FitRequest> = {}): FitRequest {
  return {
    rows: faithful.rows,
    cols: faithful.cols,
    data: faithful.data,
    families: ['gaussian', 'gaussian', 'gaussian', 'gaussian', 'gaussian'],
    covariance: 'full',
    init: 'k-means',
    seed: 0,
    densityGrid: new Float64Array(0),
    ...patch,
  };
}

async function collect(fit: FitRequest) {
  const em: EmSnapshot[] = [];
  let kmeansSnapshots = 0;
  const outcome = await runMethod(fit, {
    emSnapshot: (s) => em.push(s),
    kmeansSnapshot: () => {
      kmeansSnapshots++;
    },
  });
  return { em, outcome, kmeansSnapshots };
}

describe('the variational mixture in the worker', () => {
  it("reports BayesianGaussianMixture's fit with the same options, unused components included", async () => {
    for (const weightPrior of ['dirichlet-process', 'dirichlet-distribution'] as const) {
      const { em, outcome } = await collect(
        request({
          method: { kind: 'variational', weightPrior, concentration: 0.01 },
          covariance: 'diag',
          seed: 3,
        }),
      );
      const model = new BayesianGaussianMixture({
        nClusters: 5,
        covarianceType: 'diag',
        weightPrior,
        weightConcentrationPrior: 0.01,
        init: 'k-means',
      }).fit(faithful, { random: 3 });
      expect(Array.from(outcome.em?.labels ?? [])).toEqual(Array.from(model.predict(faithful)));
      expect(outcome.em?.iterations).toBe(model.iterations);
      expect(outcome.variational?.lowerBound).toBe(model.lowerBound);
      expect(outcome.variational?.unused).toEqual(model.unusedComponents);
      // A small concentration empties components: some are unused, and flagged in the last step.
      expect(model.unusedComponents.length).toBeGreaterThan(0);
      const last = em.at(-1) as EmSnapshot;
      expect(last.logLikelihood).toBe(model.lowerBound);
      expect(last.components.filter((c) => c.unused).length).toBe(model.unusedComponents.length);
      // Snapshot 0 is the start, then one per iteration; the weights are shares of the rows.
      expect(em.map((s) => s.iteration)).toEqual(
        Array.from({ length: model.iterations + 1 }, (_, t) => t),
      );
      const total = last.components.reduce((sum, c) => sum + c.weight, 0);
      expect(total).toBeCloseTo(1, 5);
    }
  });

  it('starts from k-means labels when the page asks for random placement', async () => {
    const { outcome } = await collect(
      request({
        method: { kind: 'variational', weightPrior: 'dirichlet-process', concentration: undefined },
        init: 'random-placement',
        seed: 1,
      }),
    );
    const model = new BayesianGaussianMixture({ nClusters: 5, init: 'k-means' }).fit(faithful, {
      random: 1,
    });
    expect(Array.from(outcome.em?.labels ?? [])).toEqual(Array.from(model.predict(faithful)));
  });
});

describe("mclust's selection in the worker", () => {
  it('chooses as mclust() does, prints its summary, and replays the chosen EM to that model', async () => {
    const { em, outcome } = await collect(request({ method: { kind: 'mclust' } }));
    const result = mclust(faithful);
    expect(outcome.mclust?.modelName).toBe('EEE');
    expect(outcome.mclust?.nClusters).toBe(3);
    expect(outcome.mclust?.summary).toBe(result.summary());
    expect(outcome.mclust?.table).toBe(result.table());
    expect(outcome.mclust?.fits).toBe(126);
    expect(Array.from(outcome.em?.labels ?? [])).toEqual(
      Array.from(result.model.predict(faithful)),
    );
    // The replay ends at the chosen model's parameters, and EM never lowers the likelihood.
    expect(em.at(-1)?.logLikelihood).toBe(result.model.score(faithful));
    expect(em.length).toBe(result.best.iterations);
    expect(outcome.mclust?.mSteps).toBe(result.best.iterations);
    expect(outcome.em?.iterations).toBe(em.length - 1);
    for (let t = 1; t < em.length; t++) {
      expect(em[t]?.logLikelihood).toBeGreaterThanOrEqual((em[t - 1]?.logLikelihood ?? 0) - 1e-12);
    }
    expect(em.at(-1)?.components).toHaveLength(3);
  });

  it('refuses data beyond its row limit and one-column data, saying why', async () => {
    const rows = MCLUST_MAX_ROWS + 1;
    const data = Float64Array.from({ length: rows * 2 }, (_, i) => (i * 7919) % 101);
    await expect(collect(request({ rows, data, method: { kind: 'mclust' } }))).rejects.toThrow(
      /at most 2,000 rows.*this data has 2,001/,
    );
    const iris = loadIris().X;
    const column = Float64Array.from({ length: iris.rows }, (_, i) => iris.data[4 * i] as number);
    await expect(
      collect(request({ rows: iris.rows, cols: 1, data: column, method: { kind: 'mclust' } })),
    ).rejects.toThrow(/2-D view/);
  });
});
