import { createMatrix, createRandom } from '@mixkit/core';
import { vonMisesFisher, vonMisesFisherParams } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { SphericalKMeans } from '@mixkit/kmeans';
import { adjustedRandIndex } from '@mixkit/metrics';
import { describe, expect, it } from 'vitest';
import { matchComponents } from '../src/shared/matchComponents.js';

/**
 * Mixture-level recovery of the von Mises–Fisher family through the generic EM runner, seeded by
 * spherical k-means: 3 components with different concentrations and weights, in p = 3, 128, 768.
 */
describe('a von Mises–Fisher mixture recovers its components', () => {
  for (const [p, concentrations] of [
    [3, [8, 30, 80]],
    [128, [120, 250, 500]],
    [768, [700, 1200, 2500]],
  ] as const) {
    it(`p = ${p}: labels (ARI > 0.97), weights (±0.03) and κ (±10%)`, () => {
      const random = createRandom(p + 1);
      const family = vonMisesFisher();
      const weights = [0.5, 0.3, 0.2];
      const n = 3000;
      const data = new Float64Array(n * p);
      const labels = new Int32Array(n);
      let row = 0;
      concentrations.forEach((kappa, c) => {
        const direction = new Float64Array(p);
        let norm = 0;
        for (let j = 0; j < p; j++) {
          direction[j] = random.normal();
          norm += direction[j] * direction[j];
        }
        for (let j = 0; j < p; j++) direction[j] /= Math.sqrt(norm);
        const count = c === 2 ? n - row : Math.round((weights[c] ?? 0) * n);
        family.sample(vonMisesFisherParams(direction, kappa), count, random, data, row);
        labels.fill(c, row, row + count);
        row += count;
      });
      const X = createMatrix(n, p, data);
      const model = fitMixture(X, {
        family,
        nClusters: 3,
        init: { kind: 'clusterer', clusterer: new SphericalKMeans({ nClusters: 3, nInit: 3 }) },
        random: 4,
      });
      const predicted = model.predict(X);
      expect(adjustedRandIndex(labels, predicted)).toBeGreaterThan(0.97);
      const matched = matchComponents(labels, predicted, 3);
      concentrations.forEach((kappa, c) => {
        const component = model.components[matched[c] ?? -1];
        expect(component).toBeDefined();
        if (component === undefined) return;
        const json = component.family.paramsToJSON(component.params);
        expect(Math.abs(Number(json.concentration) / kappa - 1)).toBeLessThan(0.1);
        expect(Math.abs(component.weight - (weights[c] ?? 0))).toBeLessThan(0.03);
      });
      expect(model.diagnostics.converged).toBe(true);
    });
  }
});
