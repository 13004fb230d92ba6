import { type ComponentFamily, createMatrix, createRandom, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/student-t.json' with { type: 'json' };
import {
  poisson,
  product,
  type StudentTDiagParams,
  type StudentTFullParams,
  type StudentTStats,
  studentTDiag,
  studentTDiagParams,
  studentTFull,
  studentTFullParams,
} from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { logDensities } from '../helpers.js';

describeComponentFamily('studentTFull (learned ν)', studentTFull(), {
  cases: [
    {
      name: '1-D, ν = 3',
      params: { kind: 'student-t-full', version: 1, location: [1.5], scale: [[0.8]], dof: 3 },
      normalization: { method: 'quadrature', bounds: [[-800, 800]] },
      nParameters: 3,
    },
    {
      name: '2-D correlated, ν = 6',
      params: {
        kind: 'student-t-full',
        version: 1,
        location: [-1, 2],
        scale: [
          [2, 0.7],
          [0.7, 1],
        ],
        dof: 6,
      },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-150, 150],
          [-150, 150],
        ],
      },
      nParameters: 2 + 3 + 1,
    },
    {
      name: '3-D, ν = 4 (Monte Carlo normalisation)',
      params: {
        kind: 'student-t-full',
        version: 1,
        location: [0, 5, -3],
        scale: [
          [1, 0.2, 0],
          [0.2, 2, -0.3],
          [0, -0.3, 0.5],
        ],
        dof: 4,
      },
      normalization: { method: 'monte-carlo' },
      nParameters: 3 + 6 + 1,
    },
  ],
});

describeComponentFamily('studentTDiag (learned ν)', studentTDiag(), {
  cases: [
    {
      name: '2-D, ν = 4',
      params: { kind: 'student-t-diag', version: 1, location: [3, -1], scales: [0.5, 4], dof: 4 },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-400, 400],
          [-400, 400],
        ],
      },
      nParameters: 2 * 2 + 1,
    },
  ],
});

describeComponentFamily('studentTDiag (fixed ν = 4)', studentTDiag({ dof: 4 }), {
  cases: [
    {
      name: '1-D',
      params: { kind: 'student-t-diag', version: 1, location: [0.25], scales: [2], dof: 4 },
      normalization: { method: 'quadrature', bounds: [[-500, 500]] },
      nParameters: 2,
    },
  ],
});

function matrixOf(rows: readonly (readonly number[])[]): Matrix {
  return createMatrix(rows.length, rows[0]?.length ?? 0, Float64Array.from(rows.flat()));
}

describe('Student-t densities against SciPy', () => {
  it('match the closed form at 40 digits (mpmath) to 1e-13 and SciPy to 1e-11, d = 1..5, ν = 0.7..1e4', () => {
    let worstExact = 0;
    let worstScipy = 0;
    for (const { kind, dof, location, scale, points, logDensity, exact } of reference.densities) {
      const X = matrixOf(points);
      const values =
        kind === 'full'
          ? logDensities(studentTFull({ dof }), studentTFullParams(location, scale.flat(), dof), X)
          : logDensities(
              studentTDiag({ dof }),
              studentTDiagParams(
                location,
                scale.map((row, j) => row[j]),
                dof,
              ),
              X,
            );
      expect(values.length).toBe(points.length);
      values.forEach((value, i) => {
        const scaleOf = (v: number) => Math.max(1, Math.abs(v));
        worstExact = Math.max(worstExact, Math.abs(value - exact[i]) / scaleOf(exact[i]));
        worstScipy = Math.max(worstScipy, Math.abs(value - logDensity[i]) / scaleOf(logDensity[i]));
      });
    }
    expect(worstExact).toBeLessThan(1e-13);
    // SciPy's gammaln difference costs it digits at large ν; it still agrees to 1e-11.
    expect(worstScipy).toBeLessThan(1e-11);
  });

  it('in 1-D agree with scipy.stats.t(ν, μ, σ).logpdf', () => {
    for (const { dof, location, scale, points, univariate } of reference.densities) {
      if (univariate === undefined) continue;
      const values = logDensities(
        studentTDiag({ dof }),
        studentTDiagParams(location, [scale[0][0]], dof),
        matrixOf(points),
      );
      values.forEach((value, i) => {
        expect(Math.abs(value - univariate[i])).toBeLessThan(1e-11 * Math.max(1, Math.abs(value)));
      });
    }
  });

  it('closed forms: ν = 1 is the Cauchy density, ν → ∞ the Gaussian', () => {
    const X = matrixOf([[-3], [0.4], [2], [40]]);
    const cauchy = logDensities(studentTFull({ dof: 1 }), studentTFullParams([0.4], [4], 1), X);
    [-3, 0.4, 2, 40].forEach((x, i) => {
      const z = (x - 0.4) / 2;
      expect(cauchy[i]).toBeCloseTo(-Math.log(Math.PI * 2 * (1 + z * z)), 13);
    });
    const nearGaussian = logDensities(
      studentTFull({ dof: 1e8 }),
      studentTFullParams([0.4], [4], 1e8),
      X.rows === 4 ? matrixOf([[-3], [0.4], [2]]) : X,
    );
    [-3, 0.4, 2].forEach((x, i) => {
      const gaussian = -0.5 * Math.log(2 * Math.PI * 4) - ((x - 0.4) * (x - 0.4)) / 8;
      expect(Math.abs(nearGaussian[i] - gaussian)).toBeLessThan(1e-6);
    });
  });
});

/** θ ← estimate(accumulate(X, 1, θ)) from the Gaussian start, with the log-likelihood trace. */
function fitOne<P, S>(
  family: ComponentFamily<P, S>,
  X: Matrix,
  iterations: number,
): { params: P; trace: number[] } {
  const weights = new Float64Array(X.rows).fill(1);
  const pass = (current?: P): P =>
    family.estimate(
      family.accumulate(family.createStats(X.cols), X, 0, X.rows, weights, 0, 1, current),
    );
  let params = pass();
  const trace: number[] = [];
  for (let t = 0; t < iterations; t++) {
    params = pass(params);
    trace.push(logDensities(family, params, X).reduce((a, b) => a + b, 0));
  }
  return { params, trace };
}

describe('Student-t estimation (ECME)', () => {
  it('converges to the maximum-likelihood (μ, Σ, ν) that scipy.optimize finds without EM', () => {
    const { mle } = reference;
    const X = matrixOf(mle.X);
    const family = studentTFull({ regCovar: 0 });
    const { params, trace } = fitOne<StudentTFullParams, StudentTStats>(family, X, 300);
    expect(Math.abs(params.dof / mle.dof - 1)).toBeLessThan(1e-6);
    mle.location.forEach((value, j) => {
      expect(Math.abs(params.location[j] - value)).toBeLessThan(1e-7);
    });
    mle.scale.flat().forEach((value, k) => {
      expect(Math.abs(params.scale[k] - value)).toBeLessThan(1e-7);
    });
    expect(Math.abs(trace[trace.length - 1] - mle.logLikelihood)).toBeLessThan(1e-9 * 200);
  });

  it('never lowers the log-likelihood from one iteration to the next (generalised EM)', () => {
    const X = matrixOf(reference.mle.X);
    for (const family of [studentTFull(), studentTFull({ dof: { initial: 200 } })]) {
      const { trace } = fitOne<StudentTFullParams, StudentTStats>(family, X, 60);
      for (let t = 1; t < trace.length; t++) {
        expect(trace[t]).toBeGreaterThanOrEqual(trace[t - 1] - 1e-9 * Math.abs(trace[t]));
      }
    }
  });

  it('recovers ν and the scale matrix from 20 000 draws (full, d = 3, ν = 3)', () => {
    const family = studentTFull();
    const truth = studentTFullParams([1, -2, 0.5], [2, 0.6, 0, 0.6, 1, -0.3, 0, -0.3, 0.5], 3);
    const X = createMatrix(20_000, 3, family.sample(truth, 20_000, createRandom(11)));
    const { params } = fitOne<StudentTFullParams, StudentTStats>(family, X, 200);
    expect(Math.abs(params.dof / 3 - 1)).toBeLessThan(0.08);
    truth.scale.forEach((value, k) => {
      expect(Math.abs(params.scale[k] - value)).toBeLessThan(0.05 * Math.max(1, Math.abs(value)));
    });
  });

  it('recovers ν and the diagonal scales (d = 4, ν = 6), and a large ν for Gaussian data', () => {
    const family = studentTDiag();
    const truth = studentTDiagParams([0, 1, 2, 3], [0.5, 1, 2, 4], 6);
    const X = createMatrix(20_000, 4, family.sample(truth, 20_000, createRandom(12)));
    const { params } = fitOne<StudentTDiagParams, StudentTStats>(family, X, 200);
    expect(Math.abs(params.dof / 6 - 1)).toBeLessThan(0.15);
    truth.scales.forEach((value, j) => {
      expect(Math.abs(params.scales[j] / value - 1)).toBeLessThan(0.05);
    });
    const random = createRandom(13);
    const gaussian = createMatrix(
      20_000,
      2,
      Float64Array.from({ length: 40_000 }, () => random.normal()),
    );
    const fitted = fitOne<StudentTDiagParams, StudentTStats>(family, gaussian, 200).params;
    expect(fitted.dof).toBeGreaterThan(50);
  });

  it('a fixed ν stays fixed; paramsFromJSON rejects a ν outside what the family allows', () => {
    const family = studentTDiag({ dof: 4 });
    const X = matrixOf(reference.mle.X);
    expect(fitOne<StudentTDiagParams, StudentTStats>(family, X, 5).params.dof).toBe(4);
    const json = { kind: 'student-t-diag', version: 1, location: [0], scales: [1], dof: 5 };
    expect(() => family.paramsFromJSON(json)).toThrow(/fixes ν at 4/);
    expect(() => studentTDiag().paramsFromJSON({ ...json, dof: 5000 })).toThrow(/\[0.5, 1000\]/);
  });

  it('without current parameters accumulates the Gaussian moments (u = 1) and starts ν at initial', () => {
    const X = matrixOf(reference.mle.X);
    const weights = new Float64Array(X.rows).fill(1);
    const family = studentTFull({ dof: { initial: 7 } });
    const stats = family.accumulate(family.createStats(2), X, 0, X.rows, weights, 0, 1);
    const params = family.estimate(stats);
    expect(params.dof).toBe(7);
    expect(stats.latent.weight).toBe(0);
    let mean = 0;
    for (let i = 0; i < X.rows; i++) mean += X.data[i * 2] / X.rows;
    expect(params.location[0]).toBeCloseTo(mean, 12);
  });
});

describe('Student-t blocks inside a product', () => {
  it('product hands each block its part of the current parameters', () => {
    const family = product([
      { columns: [0, 1], family: studentTFull() },
      { columns: [2], family: poisson() },
    ]);
    const t = studentTFullParams([1, -2], [2, 0.6, 0.6, 0.5], 3);
    const rates = poisson().paramsFromJSON({ kind: 'poisson', version: 1, rates: [4] });
    const X = matrixOf(reference.mle.X.slice(0, 50).map((row, i) => [...row, i % 7]));
    const weights = new Float64Array(X.rows).fill(1);
    const stats = family.accumulate(family.createStats(3), X, 0, X.rows, weights, 0, 1, [t, rates]);
    const alone = studentTFull().accumulate(
      studentTFull().createStats(2),
      matrixOf(reference.mle.X.slice(0, 50)),
      0,
      50,
      weights,
      0,
      1,
      t,
    );
    expect(stats[0].latent).toEqual(alone.latent);
    expect(Array.from(stats[0].moments.mean)).toEqual(Array.from(alone.moments.mean));
    expect(stats[0].latent.weight).toBe(50);
  });
});
