import type { ComponentFamily } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import {
  assertWeight,
  defaultRegistry,
  extendRegistry,
  type PoissonParams,
  type PoissonStats,
  poisson,
  poissonParams,
} from '../../src/index.js';
import {
  type CheckName,
  type ConformanceOptions,
  conformanceChecks,
} from '../../src/testing/index.js';
import { laplace, laplaceParams } from '../contributed/laplace.js';
import { range } from '../helpers.js';

type Family = ComponentFamily<PoissonParams, PoissonStats>;

const options: ConformanceOptions = {
  cases: [
    {
      name: 'two columns',
      params: { kind: 'poisson', version: 1, rates: [2.5, 6] },
      normalization: { method: 'sum', values: [range(40), range(50)] },
      nParameters: 2,
      invalidEntries: [{ column: 1, value: -1 }],
    },
  ],
  recoverySampleSize: 5000,
};

/** Which checks fail for `family`, with their messages. */
function failures(family: Family): Map<CheckName, string> {
  const failed = new Map<CheckName, string>();
  for (const check of conformanceChecks(family, options)) {
    try {
      check.run();
    } catch (error) {
      failed.set(check.check, error instanceof Error ? error.message : String(error));
    }
  }
  return failed;
}

/** A Poisson family with some members replaced. */
function mutant(overrides: Partial<Family>): Family {
  return { ...poisson(), ...overrides };
}

const base = poisson();

/** Poisson parameters whose arrays are views into one larger buffer. */
function viewParams(params: PoissonParams): PoissonParams {
  const d = params.rates.length;
  const buffer = new Float64Array(4 * d);
  buffer.set(params.rates, 0);
  buffer.set(params.logRates, d);
  return { ...params, rates: buffer.subarray(0, d), logRates: buffer.subarray(d, 2 * d) };
}

const mutants: [string, CheckName, Family][] = [
  [
    'parameters marked plainParams that are views into a larger buffer',
    'plain-params',
    mutant({ plainParams: true, estimate: (stats) => viewParams(base.estimate(stats)) }),
  ],
  [
    'a log-density off by a constant',
    'normalization',
    mutant({
      logDensity: (p, X, s, e, out, o, st) => {
        base.logDensity(p, X, s, e, out, o, st);
        for (let i = s; i < e; i++) out[o + (i - s) * st] += 0.05;
        return out;
      },
    }),
  ],
  [
    'a biased estimate',
    'recovery',
    mutant({
      estimate: (stats) => poissonParams(base.estimate(stats).rates.map((r) => r * 1.3)),
    }),
  ],
  [
    'a merge that forgets the weight',
    'merge',
    mutant({
      merge: (t, s) => {
        for (let j = 0; j < t.sum.length; j++) t.sum[j] += s.sum[j];
        return t;
      },
    }),
  ],
  [
    'an accumulate that squares the weights',
    'duplicate-weights',
    mutant({
      accumulate: (stats, X, s, e, w, o, st) => {
        const squared = new Float64Array(e - s);
        for (let i = s; i < e; i++) squared[i - s] = w[o + (i - s) * st] ** 2;
        return base.accumulate(stats, X, s, e, squared, 0, 1);
      },
    }),
  ],
  [
    'an accumulate that counts zero-weight rows',
    'zero-weights',
    mutant({
      accumulate: (stats, X, s, e, w, o, st) => {
        const nudged = new Float64Array(e - s);
        for (let i = s; i < e; i++) nudged[i - s] = w[o + (i - s) * st] || 1e-3;
        return base.accumulate(stats, X, s, e, nudged, 0, 1);
      },
    }),
  ],
  [
    'an estimate with a hidden pseudocount',
    'weight-scale-invariance',
    mutant({
      estimate: (stats) => poissonParams(stats.sum.map((sum) => (sum + 1) / (stats.weight + 1))),
    }),
  ],
  [
    'a scale that forgets the weight',
    'scale',
    mutant({
      scale: (stats, factor) => {
        for (let j = 0; j < stats.sum.length; j++) stats.sum[j] *= factor;
        return stats;
      },
    }),
  ],
  [
    'an accumulate that ignores the weight stride',
    'strided-weights',
    mutant({
      accumulate: (stats, X, s, e, w, o) => base.accumulate(stats, X, s, e, w, o, 1),
    }),
  ],
  [
    'a logDensity that ignores the output stride',
    'strided-output',
    mutant({
      logDensity: (p, X, s, e, out, o) => base.logDensity(p, X, s, e, out, o, 1),
    }),
  ],
  [
    'a sample that ignores outRow',
    'sample-output',
    mutant({
      sample: (p, n, random, out) => base.sample(p, n, random, out, 0),
    }),
  ],
  [
    'a paramsToJSON that rounds to single precision',
    'json-round-trip',
    mutant({
      paramsToJSON: (p) => ({
        kind: 'poisson',
        version: 1,
        rates: Array.from(p.rates, Math.fround),
      }),
    }),
  ],
  [
    'a spec with the wrong options',
    'spec-round-trip',
    mutant({
      spec: () => ({ kind: 'poisson', options: { minRate: 5 } }),
      estimate: (stats) => poisson({ minRate: 1e-10 }).estimate(stats),
    }),
  ],
  ['a validate that accepts anything', 'validate-non-finite', mutant({ validate: () => {} })],
  [
    'a validate that only checks finiteness',
    'validate-support',
    mutant({
      validate: (X) => {
        for (const v of X.data) if (!Number.isFinite(v)) poisson().validate(X);
      },
    }),
  ],
  [
    'a validate that accepts zero columns',
    'validate-dimension',
    mutant({
      validate: (X, argument) => {
        if (X.cols > 0) base.validate(X, argument);
      },
    }),
  ],
  [
    'a wrong parameter count',
    'parameter-count',
    mutant({ nParameters: (p) => p.rates.length + 1 }),
  ],
  ['a checkParams that accepts anything', 'check-params', mutant({ checkParams: () => {} })],
  [
    'a forDataRanges that answers where the ranges do not settle it',
    'for-data-ranges',
    mutant({
      // Warns for data of fewer than 3 rows, which the column ranges do not show.
      forData: (stats) => ({
        warnings:
          stats.weight < 3
            ? [
                {
                  kind: 'regularization-dominates',
                  family: 'poisson',
                  column: 0,
                  regCovar: 1,
                  variance: 1,
                },
              ]
            : [],
      }),
      forDataRanges: () => ({ warnings: [] }),
    }),
  ],
  [
    'a forDataRanges without forData',
    'for-data-ranges',
    mutant({ forDataRanges: () => ({ warnings: [] }) }),
  ],
  [
    'a logPrior the estimate does not maximise (a prior pulling rates up, an ML estimate)',
    'map-estimate',
    mutant({ logPrior: (p) => 50 * p.logRates.reduce((a, b) => a + b, 0) }),
  ],
  [
    'an estimate that returns NaN for empty statistics',
    'empty-stats',
    mutant({
      estimate: (stats) => poissonParams(stats.sum.map((sum) => sum / stats.weight)),
    }),
  ],
];

describe('conformanceChecks', () => {
  it('a correct family passes every check', () => {
    expect(Object.fromEntries(failures(poisson()))).toEqual({});
  });

  for (const [description, check, family] of mutants) {
    it(`detects ${description} in check '${check}'`, () => {
      const failed = failures(family);
      expect(failed.has(check), `failed checks: ${[...failed.keys()].join(', ')}`).toBe(true);
      expect(failed.get(check)).toContain(`[${check}]`);
    });
  }
});

describe('likelihood-maximum catches a wrong but self-consistent M-step', () => {
  const correct = laplace();
  // The Laplace location estimated by the weighted mean instead of the weighted median, the scale
  // as the mean absolute deviation from it: statistics, merge, weights, JSON and recovery on a
  // symmetric sample all hold, only the estimate is not the likelihood's maximum.
  const broken: typeof correct = {
    ...correct,
    estimate(stats) {
      assertWeight('laplace', stats.weight);
      const d = stats.columns.length;
      const location = new Float64Array(d);
      const scale = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const { values, weights } = stats.columns[j];
        let sum = 0;
        for (let k = 0; k < values.length; k++) sum += weights[k] * values[k];
        location[j] = sum / stats.weight;
        let deviation = 0;
        for (let k = 0; k < values.length; k++) {
          deviation += weights[k] * Math.abs(values[k] - location[j]);
        }
        scale[j] = deviation / stats.weight;
      }
      return laplaceParams(location, scale);
    },
  };
  const laplaceOptions: ConformanceOptions = {
    cases: [
      {
        name: 'one column',
        params: { kind: 'laplace', version: 1, location: [1.5], scale: [0.7] },
        normalization: { method: 'quadrature', bounds: [[-30, 30]] },
        nParameters: 2,
      },
    ],
    recoverySampleSize: 5000,
  };
  const failed = (family: typeof correct): Map<CheckName, string> => {
    const out = new Map<CheckName, string>();
    // The registry rebuilds the family under test, so spec-round-trip compares it with itself.
    const registry = extendRegistry(defaultRegistry, { laplace: () => family });
    for (const check of conformanceChecks(family, { ...laplaceOptions, registry })) {
      try {
        check.run();
      } catch (error) {
        out.set(check.check, error instanceof Error ? error.message : String(error));
      }
    }
    return out;
  };

  it('the weighted-median Laplace passes every check', () => {
    expect(Object.fromEntries(failed(correct))).toEqual({});
  });

  it('the weighted-mean Laplace fails likelihood-maximum and nothing else', () => {
    const failures = failed(broken);
    expect(Object.fromEntries(failures)).toEqual({ 'likelihood-maximum': expect.any(String) });
    expect(failures.get('likelihood-maximum')).toContain('location');
  });
});
