import { describe, expect, it } from 'vitest';
import { dataSet, fixture } from '../test/fixtureData.js';
import { Dbscan } from './dbscan.js';

interface Case {
  data: string;
  eps: number;
  minPts: number;
  weighted?: boolean;
  labels: number[];
  core: number[];
}

const sklearn = fixture<{ cases: Case[] }>('sklearn-dbscan.json').cases;
const r = fixture<{ dbscan: Case[] }>('r-dbscan.json').dbscan;

describe('Dbscan against scikit-learn and R', () => {
  for (const c of sklearn) {
    it(`scikit-learn ${c.data} eps=${c.eps} minPts=${c.minPts}${c.weighted ? ' weighted' : ''}: same labels and core samples`, () => {
      const X = dataSet(c.data);
      const weights = c.weighted
        ? Array.from({ length: X.rows }, (_, i) => (i % 5 === 0 ? 2 : 1))
        : undefined;
      const model = new Dbscan({ eps: c.eps, minPts: c.minPts }).fit(
        X,
        weights === undefined ? {} : { sampleWeight: weights },
      );
      expect(Array.from(model.labels)).toEqual(c.labels);
      expect(Array.from(model.coreSampleIndices)).toEqual(c.core);
    });
  }
  for (const c of r) {
    it(`R dbscan ${c.data} eps=${c.eps} minPts=${c.minPts}: same labels and core points`, () => {
      const model = new Dbscan({ eps: c.eps, minPts: c.minPts }).fit(dataSet(c.data));
      expect(Array.from(model.labels)).toEqual(c.labels);
      expect(Array.from(model.coreSampleIndices)).toEqual(c.core);
    });
  }
});
