import { InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import {
  gaussianDiag,
  gaussianDiagParams,
  gaussianFull,
  gaussianFullParams,
  gaussianSphericalParams,
} from '../../src/index.js';
import { thrown } from '../helpers.js';

// Errors that named internals (issue 16): gaussianFullParams given rows of a covariance said
// "Invalid a: expected length 4", and a Gaussian family given another family's parameters threw
// a TypeError from inside its kernel.

function argumentOf(action: () => unknown): string | undefined {
  const error = thrown(action);
  if (!InvalidInputError.isInstance(error)) throw error;
  return error.argument;
}

describe('Gaussian parameter builders', () => {
  it('gaussianFullParams takes the covariance as rows or flat, with the same result', () => {
    const rows = gaussianFullParams(
      [1, 2],
      [
        [2, 0.5],
        [0.5, 1],
      ],
    );
    const flat = gaussianFullParams([1, 2], [2, 0.5, 0.5, 1]);
    expect(Array.from(rows.covariance)).toEqual(Array.from(flat.covariance));
    expect(Array.from(rows.precisionCholesky)).toEqual(Array.from(flat.precisionCholesky));
  });

  it('malformed arguments are InvalidInputErrors naming mean, covariance or variances', () => {
    expect(argumentOf(() => gaussianFullParams([0, 0], [[1, 0]]))).toBe('covariance');
    expect(argumentOf(() => gaussianFullParams([0, 0], [[1, 0], [0]]))).toBe('covariance');
    expect(argumentOf(() => gaussianFullParams([0, 0], [1, 0, 0]))).toBe('covariance');
    expect(argumentOf(() => gaussianFullParams([[0, 0]] as never, [1]))).toBe('mean');
    expect(argumentOf(() => gaussianFullParams([], []))).toBe('mean');
    expect(argumentOf(() => gaussianDiagParams([0, 0], [1]))).toBe('variances');
    expect(argumentOf(() => gaussianDiagParams([0, 0], [[1], [1]] as never))).toBe('variances');
    expect(argumentOf(() => gaussianSphericalParams([Number.NaN], 1))).toBe('mean');
  });

  it("a family given another family's parameters names the argument and the builder", () => {
    const full = gaussianFullParams([0, 0], [1, 0, 0, 1]);
    const diag = gaussianDiagParams([0, 0], [1, 1]);
    const intoDiag = thrown(() => gaussianDiag().checkParams!(full, 'init.params[0]'));
    expect(InvalidInputError.isInstance(intoDiag)).toBe(true);
    expect((intoDiag as InvalidInputError).argument).toBe('init.params[0].variances');
    expect((intoDiag as Error).message).toMatch(/gaussianDiagParams/);
    expect(argumentOf(() => gaussianFull().checkParams!(diag, 'init.params[1]'))).toBe(
      'init.params[1].covariance',
    );
  });
});
