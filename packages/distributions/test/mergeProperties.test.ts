import { type AnyComponentFamily, createMatrix, createRandom } from '@mixkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categorical,
  gamma,
  gaussianDiag,
  gaussianFull,
  logNormal,
  poisson,
  product,
} from '../src/index.js';
import { compareValues } from '../src/testing/index.js';

const families: [string, AnyComponentFamily, unknown][] = [
  [
    'gaussianFull on offset data (1e6 ± 1)',
    gaussianFull(),
    {
      kind: 'gaussian-full',
      version: 1,
      mean: [1e6, -1e6],
      covariance: [
        [1, 0.3],
        [0.3, 0.5],
      ],
    },
  ],
  [
    'gaussianDiag',
    gaussianDiag(),
    { kind: 'gaussian-diag', version: 1, mean: [5, 0, 1e4], variances: [1, 2, 0.1] },
  ],
  ['logNormal', logNormal(), { kind: 'log-normal', version: 1, means: [20], variances: [0.01] }],
  ['gamma', gamma(), { kind: 'gamma', version: 1, shapes: [2, 0.5], rates: [1, 3] }],
  ['poisson', poisson(), { kind: 'poisson', version: 1, rates: [3, 50] }],
  [
    'categorical',
    categorical({ levels: [4] }),
    { kind: 'categorical', version: 1, probabilities: [[0.1, 0.2, 0.3, 0.4]] },
  ],
  [
    'product',
    product([
      { columns: [1], family: poisson() },
      { columns: [0], family: gaussianFull() },
    ]),
    {
      kind: 'product',
      version: 1,
      blocks: [
        { kind: 'poisson', version: 1, rates: [2] },
        { kind: 'gaussian-full', version: 1, mean: [3], covariance: [[4]] },
      ],
    },
  ],
];

describe('statistics merge at any split points into what one pass gives', () => {
  for (const [name, family, json] of families) {
    it(name, () => {
      const params = family.paramsFromJSON(json as never);
      const n = 60;
      const d = family.dimension(params);
      const X = createMatrix(n, d, family.sample(params, n, createRandom(3)));
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { maxLength: 5 }),
          fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
          (cuts, weightList) => {
            const weights = Float64Array.from(weightList);
            const whole = family.accumulate(family.createStats(d), X, 0, n, weights, 0, 1);
            const bounds = [0, ...cuts.sort((a, b) => a - b), n];
            // Merge the chunks in reverse order, to exercise merge beyond left-to-right.
            let merged = family.createStats(d);
            for (let c = bounds.length - 2; c >= 0; c--) {
              const chunk = family.accumulate(
                family.createStats(d),
                X,
                bounds[c],
                bounds[c + 1],
                weights,
                bounds[c],
                1,
              );
              merged = family.merge(chunk, merged);
            }
            expect(compareValues(merged, whole, 1e-9)).toBeUndefined();
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
