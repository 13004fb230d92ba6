import { describe, expect, it } from 'vitest';
import { dataSet, decode, fixture } from '../test/fixtureData.js';
import { Optics } from './optics.js';

interface Case {
  data: string;
  minPts: number;
  eps: number;
  epsCluster: number;
  order: number[];
  reachability: Array<number | string>;
  coreDistances: Array<number | string>;
  labels: number[];
}

const cases = fixture<{ optics: Case[] }>('r-dbscan.json').optics;

describe('Optics against R dbscan::optics', () => {
  for (const c of cases) {
    it(`${c.data} minPts=${c.minPts} eps=${c.eps}: same order, reachability and core distances (1e-12), same extractDBSCAN labels`, () => {
      const model = new Optics({ minPts: c.minPts, eps: c.eps, epsCluster: c.epsCluster }).fit(
        dataSet(c.data),
      );
      expect(Array.from(model.order)).toEqual(c.order);
      const reach = decode(c.reachability);
      const core = decode(c.coreDistances);
      for (let i = 0; i < reach.length; i++) {
        if (reach[i] === Number.POSITIVE_INFINITY)
          expect(model.reachability[i]).toBe(Number.POSITIVE_INFINITY);
        else expect(Math.abs(model.reachability[i] - reach[i])).toBeLessThanOrEqual(1e-12);
        if (core[i] === Number.POSITIVE_INFINITY)
          expect(model.coreDistances[i]).toBe(Number.POSITIVE_INFINITY);
        else expect(Math.abs(model.coreDistances[i] - core[i])).toBeLessThanOrEqual(1e-12);
      }
      expect(Array.from(model.labels)).toEqual(c.labels);
    });
  }
});
