import { createMatrix, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { criteriaCases } from './__fixtures__/fixtures.js';
import { aic } from './aic.js';
import { bic } from './bic.js';
import { icl } from './icl.js';

function toMatrix(rows: number[][]) {
  const cols = rows[0].length;
  return createMatrix(rows.length, cols, Float64Array.from(rows.flat()));
}

describe.each(criteriaCases.map((c) => [c.name, c] as const))('criteria on %s', (_name, c) => {
  it('bic equals GaussianMixture.bic', () => {
    expect(bic(c.logLikelihood, c.nParameters, c.nSamples)).toBeCloseTo(c.bic, 8);
  });
  it('aic equals GaussianMixture.aic', () => {
    expect(aic(c.logLikelihood, c.nParameters)).toBeCloseTo(c.aic, 8);
  });
  it('icl equals BIC plus twice the entropy of the responsibilities', () => {
    const value = icl(c.logLikelihood, c.nParameters, c.nSamples, toMatrix(c.responsibilities));
    expect(value).toBeCloseTo(c.icl, 8);
    expect(value).toBeGreaterThanOrEqual(c.bic - 1e-9);
  });
});

describe('criteria argument checks', () => {
  it('reject a non-finite log-likelihood and a negative or fractional parameter count', () => {
    expect(() => bic(Number.NaN, 3, 10)).toThrow(InvalidInputError);
    expect(() => bic(Number.POSITIVE_INFINITY, 3, 10)).toThrow(/logLikelihood/);
    expect(() => aic(-1, -2)).toThrow(/nParameters/);
    expect(() => bic(-1, 2.5, 10)).toThrow(/nParameters/);
    expect(() => bic(-1, 2, 0)).toThrow(/nSamples/);
  });

  it('icl rejects responsibilities with the wrong row count or outside [0, 1]', () => {
    const r = createMatrix(2, 2, Float64Array.from([0.5, 0.5, 1, 0]));
    expect(() => icl(-5, 2, 3, r)).toThrow(/responsibilities/);
    const bad = createMatrix(2, 2, Float64Array.from([0.5, 0.5, Number.NaN, 0]));
    expect(() => icl(-5, 2, 2, bad)).toThrow(/responsibilities at row 1, column 0/);
  });

  it('icl accepts responsibilities that exceed 1 by rounding only', () => {
    const r = createMatrix(1, 2, Float64Array.from([1 + 2 ** -52, 0]));
    expect(icl(-3, 1, 1, r)).toBeCloseTo(bic(-3, 1, 1), 12);
    const tooBig = createMatrix(1, 2, Float64Array.from([1.001, 0]));
    expect(() => icl(-3, 1, 1, tooBig)).toThrow(/responsibilities at row 0, column 0/);
  });

  it('icl equals bic for hard (0/1) responsibilities', () => {
    const r = createMatrix(3, 2, Float64Array.from([1, 0, 0, 1, 1, 0]));
    expect(icl(-12.5, 4, 3, r)).toBe(bic(-12.5, 4, 3));
  });
});
