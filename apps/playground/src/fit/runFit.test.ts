import { loadFaithful } from '@mixkit/datasets';
import { fitMixture } from '@mixkit/em';
import { describe, expect, it } from 'vitest';
import type { EmSnapshot, FitRequest, KMeansSnapshot } from './fitProtocol.js';
import { fitOptions, runFit } from './runFit.js';

const faithful = loadFaithful().X;

function request(patch: Partial<FitRequest> = {}): FitRequest {
  return {
    rows: faithful.rows,
    cols: faithful.cols,
    data: faithful.data,
    families: ['gaussian', 'gaussian'],
    covariance: 'full',
    init: 'k-means',
    seed: 0,
    densityGrid: new Float64Array(0),
    ...patch,
  };
}

async function collect(fit: FitRequest) {
  const em: EmSnapshot[] = [];
  const kmeans: KMeansSnapshot[] = [];
  const outcome = await runFit(fit, {
    emSnapshot: (s) => em.push(s),
    kmeansSnapshot: (s) => kmeans.push(s),
  });
  return { em, kmeans, outcome };
}

describe('runFit', () => {
  it('reports the outcome of fitMixture with the same options', async () => {
    for (const fit of [
      request(),
      request({ families: ['gaussian', 'gamma', 'lognormal'], covariance: 'diag', seed: 4 }),
      request({ covariance: 'tied', init: 'random-placement', seed: 2 }),
    ]) {
      const { outcome } = await collect(fit);
      const model = fitMixture(faithful, fitOptions(fit));
      expect(outcome.em.logLikelihood).toBe(model.score(faithful));
      expect(outcome.em.iterations).toBe(model.diagnostics.iterations);
      expect(Array.from(outcome.em.labels)).toEqual(Array.from(model.predict(faithful)));
      expect(outcome.em.bic).toBe(model.bic(faithful));
    }
  });

  it('streams one snapshot per iteration plus the initialisation, ending at the fitted model', async () => {
    const { em, outcome } = await collect(request({ init: 'random-placement', seed: 1 }));
    expect(em.map((s) => s.iteration)).toEqual(
      Array.from({ length: outcome.em.iterations + 1 }, (_, t) => t),
    );
    expect(em.at(-1)?.logLikelihood).toBe(outcome.em.logLikelihood);
    // EM never decreases the likelihood (up to rounding).
    for (let t = 1; t < em.length; t++) {
      expect(em[t]?.logLikelihood).toBeGreaterThanOrEqual(
        (em[t - 1]?.logLikelihood as number) - 1e-9,
      );
    }
  });

  it('sends n x k responsibilities whose rows sum to 1 and whose argmax is the final label', async () => {
    const { em, outcome } = await collect(
      request({ families: ['gaussian', 'gaussian', 'gaussian'] }),
    );
    const last = em.at(-1) as EmSnapshot;
    const k = 3;
    expect(last.responsibilities).toHaveLength(faithful.rows * k);
    for (let i = 0; i < faithful.rows; i++) {
      const row = Array.from(last.responsibilities.slice(i * k, i * k + k));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(row.indexOf(Math.max(...row))).toBe(outcome.em.labels[i]);
    }
  });

  it('describes Gaussian components by their own parameters and others by their moments', async () => {
    const { em } = await collect(request({ families: ['gaussian', 'gamma'] }));
    const [gaussian, gamma] = (em.at(-1) as EmSnapshot).components;
    expect(gaussian?.kind).toBe('gaussian');
    expect(gaussian?.exact).toBe(true);
    expect(gamma?.kind).toBe('gamma');
    expect(gamma?.exact).toBe(false);
    for (const component of [gaussian, gamma]) {
      expect(component?.mean).toHaveLength(2);
      expect(component?.covariance).toHaveLength(4);
      expect(Array.from(component?.covariance ?? []).every(Number.isFinite)).toBe(true);
    }
  });

  it('evaluates weighted densities on the grid of a 1-D fit, integrating to about 1 in total', async () => {
    const column = Float64Array.from(
      { length: faithful.rows },
      (_, i) => faithful.data[2 * i] as number,
    );
    const grid = Float64Array.from({ length: 801 }, (_, g) => g * 0.01);
    const { em } = await collect(request({ cols: 1, data: column, densityGrid: grid }));
    const components = (em.at(-1) as EmSnapshot).components;
    let integral = 0;
    for (const c of components) for (const y of c.density) integral += y * 0.01;
    expect(integral).toBeCloseTo(1, 3);
  });

  it('runs k-means beside EM, one snapshot per iteration plus the seeding', async () => {
    const { kmeans, outcome } = await collect(request({ seed: 9 }));
    expect(kmeans[0]?.iteration).toBe(0);
    expect(kmeans[0]?.labels).toHaveLength(0);
    expect(kmeans).toHaveLength(outcome.kmeans.iterations + 1);
    expect(Array.from(kmeans.at(-1)?.labels ?? [])).toEqual(Array.from(outcome.kmeans.labels));
  });

  it('gives each k-means iteration an assignment and an update that both lower the inertia', async () => {
    const { kmeans, outcome } = await collect(
      request({ seed: 3, families: ['gaussian', 'gaussian', 'gaussian'] }),
    );
    expect(kmeans.length).toBeGreaterThan(2);
    for (let i = 1; i < kmeans.length; i++) {
      const step = kmeans[i] as KMeansSnapshot;
      expect(step.updatedInertia).toBeLessThanOrEqual(step.assignedInertia * (1 + 1e-12));
      if (i > 1) {
        const previous = kmeans[i - 1] as KMeansSnapshot;
        expect(step.assignedInertia).toBeLessThanOrEqual(previous.updatedInertia * (1 + 1e-12));
      }
    }
    // The first assignment is under the k-means++ seeds: the update lowers it strictly.
    expect((kmeans[1] as KMeansSnapshot).updatedInertia).toBeLessThan(
      (kmeans[1] as KMeansSnapshot).assignedInertia,
    );
    expect((kmeans.at(-1) as KMeansSnapshot).updatedInertia).toBeCloseTo(outcome.kmeans.inertia, 6);
  });
});
