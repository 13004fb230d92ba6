import { createMatrix, InvalidInputError, toMatrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import {
  categorical,
  familyFromSpec,
  gamma,
  gaussianDiag,
  gaussianFull,
  gaussianTied,
  poisson,
  product,
} from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { logDensities, matrix, range, thrown } from '../helpers.js';

describeComponentFamily(
  'product of Poisson, Gaussian and categorical blocks',
  product([
    { columns: [0], family: poisson() },
    { columns: [1], family: gaussianFull() },
    { columns: [2], family: categorical({ levels: [3] }) },
  ]),
  {
    cases: [
      {
        name: 'mixed discrete and continuous columns',
        params: {
          kind: 'product',
          version: 1,
          blocks: [
            { kind: 'poisson', version: 1, rates: [4] },
            { kind: 'gaussian-full', version: 1, mean: [-1], covariance: [[2]] },
            { kind: 'categorical', version: 1, probabilities: [[0.2, 0.3, 0.5]] },
          ],
        },
        normalization: {
          method: 'grid',
          columns: [
            { values: range(30) },
            { bounds: [-13, 11], intervals: 60 },
            { values: range(3) },
          ],
        },
        nParameters: 1 + 2 + 2,
        invalidEntries: [
          { column: 0, value: -1 },
          { column: 2, value: 3 },
          { column: 0, value: 0.5 },
        ],
      },
    ],
    fixedDimension: true,
  },
);

describeComponentFamily(
  'product with a tied Gaussian block (estimateAll, shared parameters)',
  product([
    { columns: [2, 0], family: gaussianTied() },
    { columns: [1], family: gamma() },
  ]),
  {
    cases: [
      {
        name: 'continuous, columns out of order',
        params: {
          kind: 'product',
          version: 1,
          blocks: [
            {
              kind: 'gaussian-tied',
              version: 1,
              mean: [3, -3],
              covariance: [
                [1, 0.2],
                [0.2, 0.5],
              ],
            },
            { kind: 'gamma', version: 1, shapes: [3], rates: [2] },
          ],
        },
        normalization: { method: 'monte-carlo' },
        nParameters: 2 + 2,
        nSharedParameters: 3,
        invalidEntries: [{ column: 1, value: 0 }],
      },
    ],
    fixedDimension: true,
  },
);

describeComponentFamily(
  'product of one block over all columns',
  product([{ columns: [0, 1], family: gaussianDiag() }]),
  {
    cases: [
      {
        name: 'reads X directly',
        params: {
          kind: 'product',
          version: 1,
          blocks: [{ kind: 'gaussian-diag', version: 1, mean: [0, 1], variances: [1, 2] }],
        },
        normalization: {
          method: 'quadrature',
          bounds: [
            [-9, 9],
            [-12, 14],
          ],
        },
        nParameters: 4,
      },
    ],
    fixedDimension: true,
  },
);

describe('product', () => {
  const mixed = product([
    { columns: [2], family: poisson() },
    { columns: [0, 1], family: gaussianFull() },
  ]);
  const params = mixed.paramsFromJSON({
    kind: 'product',
    version: 1,
    blocks: [
      { kind: 'poisson', version: 1, rates: [2] },
      {
        kind: 'gaussian-full',
        version: 1,
        mean: [0, 0],
        covariance: [
          [1, 0.5],
          [0.5, 2],
        ],
      },
    ],
  });

  it('log-density is the sum of the blocks’ log-densities on their columns', () => {
    const X = matrix([
      [0.5, -1, 3],
      [2, 2, 0],
      [-1, 0.25, 7],
    ]);
    const [poissonParams, gaussianParams] = params;
    const counts = matrix([[3], [0], [7]]);
    const gaussianColumns = matrix([
      [0.5, -1],
      [2, 2],
      [-1, 0.25],
    ]);
    const expected = logDensities(poisson(), poissonParams, counts).map(
      (value, i) => value + logDensities(gaussianFull(), gaussianParams, gaussianColumns)[i],
    );
    expect(logDensities(mixed, params, X)).toEqual(expected);
  });

  it('passes each block the marks of its own missing cells, for a range of rows', () => {
    const nan = Number.NaN;
    const rows = [
      [0.5, -1, 3],
      [nan, 2, 0],
      [-1, 0.25, nan],
      [1, nan, 4],
      [nan, nan, nan],
      [0, 1, 2],
    ];
    const X = toMatrix(rows, { missing: 'marginalize' });
    const [poissonParams, gaussianParams] = params;
    const counts = toMatrix(
      rows.map((row) => [row[2]]),
      { missing: 'marginalize' },
    );
    const gaussianColumns = toMatrix(
      rows.map((row) => [row[0], row[1]]),
      { missing: 'marginalize' },
    );
    const expected = logDensities(poisson(), poissonParams, counts).map(
      (value, i) => value + logDensities(gaussianFull(), gaussianParams, gaussianColumns)[i],
    );
    expect(expected.every(Number.isFinite)).toBe(true);
    // Rows 1 .. 4 alone: each block's marks are read at the range's offset.
    const out = new Float64Array(4);
    mixed.logDensity(params, X, 1, 5, out, 0, 1);
    expect(Array.from(out)).toEqual(expected.slice(1, 5));
    // Row 4 misses every cell: density 1.
    expect(out[3]).toBe(0);
  });

  it('validate reports the absolute column of an out-of-support value, and the block', () => {
    const error = thrown(() =>
      mixed.validate(
        matrix([
          [0, 0, 1],
          [0, 0, -2],
        ]),
      ),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'X', row: 1, column: 2, value: -2 });
    expect((error as Error).message).toContain('poisson block over columns [2]');
    const nan = thrown(() => mixed.validate(matrix([[0, Number.NaN, 1]])));
    expect(nan).toMatchObject({ row: 0, column: 1 });
  });

  it('rejects blocks that overlap, leave a gap or have no columns', () => {
    const g = gaussianFull();
    expect(() =>
      product([
        { columns: [0, 1], family: g },
        { columns: [1], family: poisson() },
      ]),
    ).toThrow(InvalidInputError);
    expect(() => product([{ columns: [0, 2], family: g }])).toThrow(/column 1 is missing/);
    expect(() => product([{ columns: [], family: g }])).toThrow(InvalidInputError);
    expect(() => product([])).toThrow(InvalidInputError);
  });

  it('reads a reused buffer as it is now: nothing is cached per buffer (issue 16)', () => {
    // A caller that refills one buffer chunk after chunk (out-of-core reading) used to get the
    // first chunk's columns back from a cache keyed on the buffer.
    const X = createMatrix(2, 3, Float64Array.from([0, 0, 1, 1, 2, 3]));
    const before = Array.from(logDensities(mixed, params, X));
    X.data.set([1, 2, 3, 0, 0, 1]);
    expect(Array.from(logDensities(mixed, params, X))).toEqual([before[1], before[0]]);
    const weights = Float64Array.from([1, 0]);
    const first = mixed.estimate(mixed.accumulate(mixed.createStats(3), X, 0, 2, weights, 0, 1));
    X.data.set([0, 0, 1, 1, 2, 3]);
    const second = mixed.estimate(mixed.accumulate(mixed.createStats(3), X, 0, 2, weights, 0, 1));
    expect(mixed.paramsToJSON(second)).not.toEqual(mixed.paramsToJSON(first));
    expect(second[0].rates[0]).toBe(1);
    expect(first[0].rates[0]).toBe(3);
  });

  it('estimateAll shares the tied block’s covariance across components', () => {
    const family = product([
      { columns: [0], family: poisson() },
      { columns: [1, 2], family: gaussianTied() },
    ]);
    const X = matrix([
      [1, 0, 0],
      [2, 1, 3],
      [0, 4, 1],
      [5, -2, 2],
    ]);
    const stats = [0, 1].map((k) =>
      family.accumulate(
        family.createStats(3),
        X,
        0,
        4,
        Float64Array.from([1, k, 1 - k, 0.5]),
        0,
        1,
      ),
    );
    const [a, b] = family.estimateAll!(stats);
    expect(a![1].covariance).toBe(b![1].covariance);
    expect(family.nSharedParameters!(a!)).toBe(3);
  });

  it('is rebuilt from its spec through the registry, blocks included', () => {
    const rebuilt = familyFromSpec(JSON.parse(JSON.stringify(mixed.spec())));
    expect(rebuilt.spec()).toEqual(mixed.spec());
    const X = matrix([[1, 2, 3]]);
    expect(logDensities(rebuilt, rebuilt.paramsFromJSON(mixed.paramsToJSON(params)), X)).toEqual(
      logDensities(mixed, params, X),
    );
  });
});
