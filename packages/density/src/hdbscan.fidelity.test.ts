import { describe, expect, it } from 'vitest';
import { dataSet, fixture } from '../test/fixtureData.js';
import { Hdbscan } from './hdbscan.js';

interface Case {
  data: string;
  minPts: number;
  labels: number[];
  probabilities: number[];
  outlierScores: number[];
  coreDistances: number[];
  heights: number[];
}

const cases = fixture<{ hdbscan: Case[] }>('r-dbscan.json').hdbscan;

describe('Hdbscan against R dbscan::hdbscan', () => {
  for (const c of cases) {
    it(`${c.data} minPts=${c.minPts}: same labels, probabilities and outlier scores to 1e-10, same tree heights`, () => {
      const model = new Hdbscan({ minPts: c.minPts }).fit(dataSet(c.data));
      expect(Array.from(model.labels)).toEqual(c.labels);
      const n = c.labels.length;
      for (let i = 0; i < n; i++) {
        expect(Math.abs(model.coreDistances[i] - c.coreDistances[i])).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(model.probabilities[i] - c.probabilities[i])).toBeLessThanOrEqual(1e-10);
        expect(Math.abs(model.outlierScores[i] - c.outlierScores[i])).toBeLessThanOrEqual(1e-10);
      }
      for (let k = 0; k < n - 1; k++) {
        expect(Math.abs(model.linkage[4 * k + 2] - c.heights[k])).toBeLessThanOrEqual(1e-12);
      }
    });
  }
});
