import { createMatrix, DegenerateComponentError, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import {
  familyFromSpec,
  gaussianDiag,
  gaussianFull,
  gaussianSpherical,
  gaussianTied,
  poisson,
  product,
} from '../../src/index.js';
import { estimateFrom, matrix, thrown } from '../helpers.js';

// Regularisation relative to each column's variance (issue 16): with columns at 1e-6 next to 1e6,
// scikit-learn's absolute reg_covar of 1e-6 is a million times the small column's variance and
// swamps its signal. `regCovar: { relative: r }` adds r times each column's variance in the
// data being fitted, resolved by `forData` when a fit starts; any regularisation at least a
// column's variance is reported.

/** 40 rows: column 0 in units of 1e-6, column 1 in units of 1e6, two groups in each. */
const X = createMatrix(
  40,
  2,
  Float64Array.from({ length: 80 }, (_, t) => {
    const row = t >> 1;
    const group = row % 2;
    const wiggle = ((row * 7) % 5) / 10;
    return t % 2 === 0 ? (group * 3 + wiggle) * 1e-6 : (group * 3 + wiggle) * 1e6;
  }),
);
const ones = new Float64Array(X.rows).fill(1);
const dataStats = <S>(family: { createStats(d: number): S; accumulate(...a: never[]): S }) =>
  family.accumulate(...([family.createStats(2), X, 0, X.rows, ones, 0, 1] as never[]));

describe('relative regCovar', () => {
  for (const [name, make] of [
    ['full', gaussianFull],
    ['diag', gaussianDiag],
    ['spherical', gaussianSpherical],
    ['tied', gaussianTied],
  ] as const) {
    it(`${name}: forData resolves r × each column's variance into a family with absolute amounts`, () => {
      const family = make({ regCovar: { relative: 1e-3 } });
      expect(family.spec().options).toEqual({ regCovar: { relative: 1e-3 } });
      const stats = family.accumulate(family.createStats(2), X, 0, X.rows, ones, 0, 1);
      const bound = family.forData!(stats).family!;
      const variance = (j: number) => {
        let mean = 0;
        for (let i = 0; i < X.rows; i++) mean += X.data[2 * i + j];
        mean /= X.rows;
        let sum = 0;
        for (let i = 0; i < X.rows; i++) sum += (X.data[2 * i + j] - mean) ** 2;
        return sum / X.rows;
      };
      const resolved = (bound.spec().options as { regCovar: number[] }).regCovar;
      expect(resolved[0] / (1e-3 * variance(0))).toBeCloseTo(1, 10);
      expect(resolved[1] / (1e-3 * variance(1))).toBeCloseTo(1, 10);
      expect(family.forData!(stats).warnings).toEqual([]);
      // The resolved family round-trips through its spec, and estimates on its own.
      expect(familyFromSpec(bound.spec()).spec()).toEqual(bound.spec());
      expect(() => bound.estimate(stats)).not.toThrow();
    });
  }

  it('estimate on an unresolved relative family is an InvalidInputError naming regCovar', () => {
    const error = thrown(() => estimateFrom(gaussianDiag({ regCovar: { relative: 1e-6 } }), X));
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).argument).toBe('regCovar');
  });

  it('the small column keeps its signal: the variance estimate is not swamped', () => {
    const stats = dataStats(gaussianDiag({ regCovar: { relative: 1e-6 } }));
    const bound = gaussianDiag({ regCovar: { relative: 1e-6 } }).forData!(stats).family!;
    const relative = bound.estimate(stats) as { variances: Float64Array };
    const absolute = gaussianDiag().estimate(stats) as { variances: Float64Array };
    // Column 0's variance is about 2.4e-12: 1e-6 absolute makes it 1e-6, relative keeps it.
    expect(absolute.variances[0] / 2.4e-12).toBeGreaterThan(1e5);
    expect(relative.variances[0] / 2.4e-12).toBeGreaterThan(0.9);
    expect(relative.variances[0] / 2.4e-12).toBeLessThan(1.1);
  });

  it('an absolute regCovar at least a column variance is reported (column of the data in a product)', () => {
    const family = gaussianFull();
    const warnings = family.forData!(dataStats(family)).warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      kind: 'regularization-dominates',
      family: 'gaussian-full',
      column: 0,
      regCovar: 1e-6,
    });
    const mixed = product([
      { columns: [1], family: poisson() },
      { columns: [0], family: gaussianDiag() },
    ]);
    const counts = createMatrix(
      40,
      2,
      Float64Array.from(X.data, (v, t) => (t % 2 === 1 ? 3 : v)),
    );
    const stats = mixed.accumulate(mixed.createStats(2), counts, 0, 40, ones, 0, 1);
    expect(mixed.forData!(stats).warnings).toMatchObject([{ column: 0, family: 'gaussian-diag' }]);
  });

  it('per-column absolute amounts; bad options are InvalidInputErrors naming them', () => {
    const stats = dataStats(gaussianDiag());
    const params = gaussianDiag({ regCovar: [1e-15, 1] }).estimate(stats) as {
      variances: Float64Array;
    };
    const plain = gaussianDiag({ regCovar: 0 }).estimate(stats) as { variances: Float64Array };
    expect(params.variances[0]).toBe(plain.variances[0] + 1e-15);
    expect(params.variances[1]).toBe(plain.variances[1] + 1);
    for (const [regCovar, argument] of [
      [-1, 'regCovar'],
      [[1, -1], 'regCovar[1]'],
      [{ relative: Number.NaN }, 'regCovar.relative'],
      ['big', 'regCovar'],
    ] as const) {
      const error = thrown(() => gaussianFull({ regCovar: regCovar as never }));
      expect((error as InvalidInputError).argument).toBe(argument);
    }
    const wrongWidth = thrown(() => gaussianDiag({ regCovar: [1, 2, 3] }).estimate(stats));
    expect((wrongWidth as InvalidInputError).argument).toBe('regCovar');
  });
});

describe('forDataRanges: forData without the statistics when the column ranges settle it', () => {
  const rangesOf = (data: typeof X) => {
    const columnMin = new Float64Array(data.cols).fill(Number.POSITIVE_INFINITY);
    const columnMax = new Float64Array(data.cols).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < data.rows; i++) {
      for (let j = 0; j < data.cols; j++) {
        columnMin[j] = Math.min(columnMin[j], data.data[i * data.cols + j]);
        columnMax[j] = Math.max(columnMax[j], data.data[i * data.cols + j]);
      }
    }
    return { rows: data.rows, columnMin, columnMax };
  };
  /** X with column 0 scaled by `factor` (column 1 as it is). */
  const scaled = (factor: number) =>
    createMatrix(
      X.rows,
      2,
      Float64Array.from(X.data, (v, t) => (t % 2 === 0 ? v * factor : v)),
    );

  for (const [name, make] of [
    ['full', gaussianFull],
    ['diag', gaussianDiag],
    ['spherical', gaussianSpherical],
    ['tied', gaussianTied],
  ] as const) {
    it(`${name}: no warnings where every column's variance is provably above twice regCovar, else no answer`, () => {
      const family = make();
      // Column 0 spans about 3.4e-6: variance ≥ span² / 80 ≈ 1.5e-13, far below 1e-6.
      expect(family.forDataRanges!(rangesOf(X))).toBeUndefined();
      expect(family.forData!(dataStats(family)).warnings).toHaveLength(1);
      // Scaled by 1e6 it spans 3.4 (variance ≥ 0.14): settled, and forData agrees.
      const wide = scaled(1e6);
      expect(family.forDataRanges!(rangesOf(wide))).toEqual({ warnings: [] });
      const stats = family.accumulate(family.createStats(2), wide, 0, wide.rows, ones, 0, 1);
      expect(family.forData!(stats)).toEqual({ warnings: [] });
      // The bound is span² / (2n) > 2·regCovar: at 4·regCovar it answers, at regCovar it does not.
      const span = 3.4e6 * 1e-6;
      const bound = (span * span) / (2 * X.rows);
      expect(make({ regCovar: bound / 4 }).forDataRanges!(rangesOf(wide))).toEqual({
        warnings: [],
      });
      expect(make({ regCovar: bound }).forDataRanges!(rangesOf(wide))).toBeUndefined();
      // regCovar 0 never warns; a relative one needs the variances.
      expect(make({ regCovar: 0 }).forDataRanges!(rangesOf(X))).toEqual({ warnings: [] });
      expect(make({ regCovar: { relative: 1e-3 } }).forDataRanges!(rangesOf(wide))).toBeUndefined();
    });
  }

  it('a per-column regCovar of the wrong width is the same InvalidInputError as in forData', () => {
    const family = gaussianDiag({ regCovar: [1, 2, 3] });
    const error = thrown(() => family.forDataRanges!(rangesOf(X)));
    expect((error as InvalidInputError).argument).toBe('regCovar');
    expect(thrown(() => family.forData!(dataStats(family)))).toEqual(error);
  });
});

describe('Gaussian data beyond double precision', () => {
  it('a column spanning 1e300 is refused with what to do (divide), naming X and the column', () => {
    const error = thrown(() =>
      gaussianFull().validate(
        matrix([
          [0, 1],
          [1e300, 2],
        ]),
      ),
    ) as InvalidInputError;
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect([error.argument, error.column]).toEqual(['X', 0]);
    expect(error.message).toMatch(/divide X by a constant/);
  });

  it('a column varying by 1e-300 is refused with what to do (multiply); constant columns are fine', () => {
    const error = thrown(() =>
      gaussianDiag().validate(
        matrix([
          [1, 1e-300],
          [1, 3e-300],
        ]),
      ),
    ) as InvalidInputError;
    expect([error.argument, error.column]).toEqual(['X', 1]);
    expect(error.message).toMatch(/multiply X by a constant/);
    expect(() =>
      gaussianDiag().validate(
        matrix([
          [1, 5],
          [2, 5],
        ]),
      ),
    ).not.toThrow();
  });

  it('an overflowed covariance says to rescale, not to increase regCovar (which cannot help)', () => {
    for (const family of [gaussianFull(), gaussianDiag()]) {
      // estimate without validate: squared deviations of 1e200 overflow to Infinity.
      const error = thrown(() => estimateFrom(family, matrix([[0], [1e200]])));
      expect(DegenerateComponentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/divide X or sampleWeight by a constant/);
      expect((error as Error).message).not.toMatch(/increase regCovar/);
    }
  });
});
