import type { AnyComponentFamily } from '@mixkit/core';
import {
  type GaussianDiagParams,
  type GaussianFullParams,
  gaussianDiag,
  gaussianDiagParams,
  gaussianFull,
  gaussianFullParams,
  type PoissonParams,
  poisson,
  poissonParams,
  product,
} from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/missing-em.json' with { type: 'json' };
import { iterateEm } from '../run/iterateEm.js';

/**
 * EM with missing cells against the numpy reference of tooling/scripts/fixtures/em_missing.py
 * (Ghahramani & Jordan's E-step written with Σₒₒ, an independent formulation of what the
 * Gaussian families compute with the precision's missing block), from the same start: every
 * iteration's objective and parameters agree to 1e-10.
 */

const TOLERANCE = 1e-10;
const X = fixture.data.map((row) => row.map((v) => (v === null ? Number.NaN : v)));
const flat = (rows: readonly (readonly number[])[]) => rows.flat();

function close(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    expect(Math.abs(actual[i] - expected[i]) / scale, `${what}[${i}]`).toBeLessThan(TOLERANCE);
  }
}

function run<P>(components: readonly AnyComponentFamily[], start: P[]) {
  const steps = iterateEm(X, {
    components,
    init: { kind: 'params', params: start, weights: fixture.cases.full.start.weights },
    tolerance: 0,
    maxIterations: fixture.iterations,
    missing: 'marginalize',
  });
  return [...{ [Symbol.iterator]: () => steps }];
}

describe('EM with missing cells equals the numpy reference to 1e-10 per iteration', () => {
  it('full-covariance Gaussian mixture', () => {
    const family = gaussianFull({ regCovar: fixture.regCovar });
    const { start, trace } = fixture.cases.full;
    const params = start.params.map((p) => gaussianFullParams(p.mean, flat(p.covariance)));
    const steps = run([family, family], params);
    expect(steps).toHaveLength(trace.length);
    steps.forEach((step, t) => {
      const expected = trace[t];
      close([step.objective], [expected.objective], `objective ${t}`);
      close(step.logWeights.map(Math.exp), expected.weights, `weights ${t}`);
      step.params.forEach((p, c) => {
        const got = p as GaussianFullParams;
        close(got.mean, expected.params[c].mean, `mean ${t} ${c}`);
        close(got.covariance, flat(expected.params[c].covariance), `covariance ${t} ${c}`);
      });
    });
  });

  it('diagonal Gaussian mixture', () => {
    const family = gaussianDiag({ regCovar: fixture.regCovar });
    const { start, trace } = fixture.cases.diag;
    const params = start.params.map((p) => gaussianDiagParams(p.mean, p.variances));
    const steps = run([family, family], params);
    steps.forEach((step, t) => {
      const expected = trace[t];
      close([step.objective], [expected.objective], `objective ${t}`);
      close(step.logWeights.map(Math.exp), expected.weights, `weights ${t}`);
      step.params.forEach((p, c) => {
        const got = p as GaussianDiagParams;
        close(got.mean, expected.params[c].mean, `mean ${t} ${c}`);
        close(got.variances, expected.params[c].variances, `variances ${t} ${c}`);
      });
    });
  });

  it('product of a full Gaussian (columns 0-1) and a Poisson (column 2)', () => {
    const family = product([
      { columns: [0, 1], family: gaussianFull({ regCovar: fixture.regCovar }) },
      { columns: [2], family: poisson() },
    ]);
    const { start, trace } = fixture.cases.product;
    const params = start.params.map(
      (p) => [gaussianFullParams(p.mean, flat(p.covariance)), poissonParams(p.rates)] as const,
    );
    const steps = run([family, family], params);
    steps.forEach((step, t) => {
      const expected = trace[t];
      close([step.objective], [expected.objective], `objective ${t}`);
      close(step.logWeights.map(Math.exp), expected.weights, `weights ${t}`);
      step.params.forEach((p, c) => {
        const [gaussian, counts] = p as readonly [GaussianFullParams, PoissonParams];
        close(gaussian.mean, expected.params[c].mean, `mean ${t} ${c}`);
        close(gaussian.covariance, flat(expected.params[c].covariance), `covariance ${t} ${c}`);
        close(counts.rates, expected.params[c].rates, `rates ${t} ${c}`);
      });
    });
  });
});
