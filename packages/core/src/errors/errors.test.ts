import { describe, expect, it } from 'vitest';
import { AbortedError } from './abortedError.js';
import { DegenerateComponentError } from './degenerateComponentError.js';
import { InvalidInputError } from './invalidInputError.js';
import { MixkitError } from './mixkitError.js';
import { NotFittedError } from './notFittedError.js';
import { UnsupportedMissingCellsError } from './unsupportedMissingCellsError.js';

describe('typed errors', () => {
  it('carry a stable name and are recognised by isInstance', () => {
    const errors = [
      new InvalidInputError({ argument: 'X', row: 1, column: 2, value: Number.NaN }, 'bad'),
      new NotFittedError('KMeans'),
      new DegenerateComponentError('gaussian-full', 'singular', 'not positive definite'),
      new AbortedError('fit'),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      'InvalidInputError',
      'NotFittedError',
      'DegenerateComponentError',
      'AbortedError',
    ]);
    for (const e of errors) {
      expect(MixkitError.isInstance(e)).toBe(true);
      expect(e).toBeInstanceOf(Error);
    }
    expect(InvalidInputError.isInstance(errors[0])).toBe(true);
    expect(InvalidInputError.isInstance(errors[1])).toBe(false);
    expect(NotFittedError.isInstance(errors[1])).toBe(true);
    expect(DegenerateComponentError.isInstance(errors[2])).toBe(true);
    expect(AbortedError.isInstance(errors[3])).toBe(true);
  });

  it('recognise errors branded by another copy of the package (no instanceof)', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('mixkit.error')]: true,
      [Symbol.for('mixkit.error.InvalidInputError')]: true,
    });
    expect(MixkitError.isInstance(foreign)).toBe(true);
    expect(InvalidInputError.isInstance(foreign)).toBe(true);
    expect(NotFittedError.isInstance(foreign)).toBe(false);
    expect(MixkitError.isInstance(new Error('plain'))).toBe(false);
    expect(MixkitError.isInstance(null)).toBe(false);
  });

  it('format the location and value into the message', () => {
    const e = new InvalidInputError({ argument: 'X', row: 3, column: 0, value: -1 }, 'negative');
    expect(e.message).toBe('Invalid X at row 3, column 0: negative (got -1)');
    expect([e.argument, e.row, e.column, e.value]).toEqual(['X', 3, 0, -1]);
    const noValue = new InvalidInputError({ argument: 'k' }, 'missing');
    expect(noValue.message).toBe('Invalid k: missing');
  });

  it('keep the degeneracy reason and the abort cause', () => {
    const d = new DegenerateComponentError('poisson', 'empty', 'zero weight');
    expect(d.reason).toBe('empty');
    expect(d.family).toBe('poisson');
    const a = new AbortedError('EM fit', 'user');
    expect(a.cause).toBe('user');
  });
});

describe('UnsupportedMissingCellsError', () => {
  it('names the family and is recognised across copies by its brand', () => {
    const error = new UnsupportedMissingCellsError('von-mises-fisher');
    expect(error.family).toBe('von-mises-fisher');
    expect(error.message).toMatch(/^von-mises-fisher cannot handle missing cells/);
    expect(UnsupportedMissingCellsError.isInstance(error)).toBe(true);
    expect(UnsupportedMissingCellsError.isInstance(new Error('x'))).toBe(false);
  });
});
