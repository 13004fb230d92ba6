import { describe, expect, it } from 'vitest';
import { AbortedError } from './errors/abortedError.js';
import { InvalidInputError } from './errors/invalidInputError.js';
import { resolveMissingPolicy } from './missing/missingPolicy.js';
import {
  assertClusterCount,
  assertInteger,
  assertNumber,
  throwIfAborted,
  toWeights,
} from './validate.js';

describe('validate', () => {
  it('assertInteger accepts integers in range and names the argument otherwise', () => {
    expect(() => assertInteger(3, 'k', 1, 5)).not.toThrow();
    expect(() => assertInteger(2.5, 'k')).toThrow(/Invalid k: expected an integer/);
    expect(() => assertInteger(0, 'k', 1)).toThrow(/>= 1/);
    expect(() => assertInteger(9, 'k', 1, 5)).toThrow(/in \[1, 5\]/);
    expect(() => assertInteger('3', 'k')).toThrow(InvalidInputError);
  });

  it('assertNumber rejects non-finite values and respects bounds', () => {
    expect(() => assertNumber(0.5, 'tol', { min: 0 })).not.toThrow();
    expect(() => assertNumber(Number.NaN, 'tol')).toThrow(/finite/);
    expect(() => assertNumber(0, 'tol', { min: 0, exclusiveMin: true })).toThrow(/> 0/);
    expect(() => assertNumber(2, 'p', { min: 0, max: 1 })).toThrow(/<= 1/);
  });

  it('assertClusterCount rejects k > n with a clear message', () => {
    expect(() => assertClusterCount(3, 3)).not.toThrow();
    expect(() => assertClusterCount(4, 3)).toThrow(/cannot fit 4 clusters to 3 rows/);
    expect(() => assertClusterCount(0, 3)).toThrow(InvalidInputError);
  });

  it('toWeights validates length, sign, finiteness and a positive total', () => {
    expect(Array.from(toWeights([1, 0, 2], 3))).toEqual([1, 0, 2]);
    const w = Float64Array.of(1, 1);
    expect(toWeights(w, 2)).toBe(w);
    expect(() => toWeights([1, 2], 3)).toThrow(/one weight per row/);
    let error: unknown;
    try {
      toWeights([1, -1, 2], 3);
    } catch (e) {
      error = e;
    }
    expect(InvalidInputError.isInstance(error) && error.row).toBe(1);
    expect(() => toWeights([1, Number.NaN], 2)).toThrow(/finite/);
    expect(() => toWeights([0, 0], 2)).toThrow(/all weights are zero/);
  });

  it('throwIfAborted throws AbortedError carrying the reason only once aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal, 'fit')).not.toThrow();
    expect(() => throwIfAborted(undefined, 'fit')).not.toThrow();
    controller.abort('stop');
    let error: unknown;
    try {
      throwIfAborted(controller.signal, 'fit');
    } catch (e) {
      error = e;
    }
    expect(AbortedError.isInstance(error)).toBe(true);
    expect((error as AbortedError).cause).toBe('stop');
  });
});

describe('resolveMissingPolicy', () => {
  it("defaults to 'error' and rejects unknown policies with a located error", () => {
    expect(resolveMissingPolicy(undefined)).toBe('error');
    expect(resolveMissingPolicy('marginalize')).toBe('marginalize');
    expect(() => resolveMissingPolicy('impute')).toThrow(/missing/);
  });
});
