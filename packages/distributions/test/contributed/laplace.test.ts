import { createRandom } from '@mixkit/core';
import { defaultRegistry, extendRegistry } from '@mixkit/distributions';
import { describeComponentFamily } from '@mixkit/distributions/testing';
import { describe, expect, it } from 'vitest';
import { gaussLegendre } from '../../src/testing/gaussLegendre.js';
import { estimateFrom, logDensities, matrix } from '../helpers.js';
import { type LaplaceParams, laplace, laplaceFactory } from './laplace.js';

// A density with a kink at its location, between the initial panels' nodes: the normalisation
// check bisects around it (a fixed 400-panel rule is off by more than its tolerance, below).
describeComponentFamily('laplace (contributed example, weighted-median M-step)', laplace(), {
  cases: [
    {
      name: 'one column, kink between nodes',
      params: { kind: 'laplace', version: 1, location: [0.37], scale: [0.8] },
      normalization: { method: 'quadrature', bounds: [[-30, 30]] },
      nParameters: 2,
    },
    {
      name: 'two columns',
      params: { kind: 'laplace', version: 1, location: [-1.3, 2.21], scale: [0.5, 1.7] },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-20, 20],
          [-40, 40],
        ],
      },
      nParameters: 4,
    },
  ],
  registry: extendRegistry(defaultRegistry, { laplace: laplaceFactory }),
});

describe('laplace', () => {
  it('a fixed 400-panel Gauss–Legendre rule is off by more than the 1e-6 tolerance', () => {
    // What the normalisation check did before it bisected: here for the first case above.
    const family = laplace();
    const params = family.paramsFromJSON({
      kind: 'laplace',
      version: 1,
      location: [0.37],
      scale: [0.8],
    });
    const rule = gaussLegendre(16);
    const width = 60 / 400;
    const nodes: number[][] = [];
    const weights: number[] = [];
    for (let p = 0; p < 400; p++) {
      for (let q = 0; q < 16; q++) {
        nodes.push([-30 + width * (p + 0.5 + 0.5 * rule.nodes[q])]);
        weights.push(0.5 * width * rule.weights[q]);
      }
    }
    const logP = logDensities(family, params, matrix(nodes));
    const total = logP.reduce((sum, value, i) => sum + weights[i] * Math.exp(value), 0);
    expect(Math.abs(1 - total)).toBeGreaterThan(1e-6);
  });

  it('estimates the weighted median and mean absolute deviation', () => {
    const X = matrix([[1], [2], [3], [10]]);
    // Weights 1, 1, 3, 1: half the total (3) is reached at 3.
    const fitted = estimateFrom<LaplaceParams>(laplace(), X, [1, 1, 3, 1]);
    expect(fitted.location[0]).toBe(3);
    expect(fitted.scale[0]).toBeCloseTo((2 + 1 + 0 + 7) / 6, 14);
  });

  it('recovers location and scale from a large sample', () => {
    const family = laplace();
    const truth = family.paramsFromJSON({
      kind: 'laplace',
      version: 1,
      location: [4],
      scale: [0.25],
    });
    const X = { rows: 40_000, cols: 1, data: family.sample(truth, 40_000, createRandom(3)) };
    const fitted = estimateFrom<LaplaceParams>(family, X);
    expect(Math.abs(fitted.location[0] - 4)).toBeLessThan(0.01);
    expect(Math.abs(fitted.scale[0] / 0.25 - 1)).toBeLessThan(0.02);
  });
});
