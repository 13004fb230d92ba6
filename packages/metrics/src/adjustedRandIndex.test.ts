import { InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { supervisedCases } from './__fixtures__/fixtures.js';
import { adjustedRandIndex } from './adjustedRandIndex.js';

describe('adjustedRandIndex', () => {
  it.each(supervisedCases.map((c) => [c.name, c] as const))(
    'agrees with sklearn adjusted_rand_score: %s',
    (_name, c) => {
      expect(adjustedRandIndex(c.labelsTrue, c.labelsPred)).toBeCloseTo(c.adjustedRandIndex, 12);
    },
  );

  it('is symmetric in its arguments', () => {
    for (const c of supervisedCases) {
      expect(adjustedRandIndex(c.labelsPred, c.labelsTrue)).toBeCloseTo(
        adjustedRandIndex(c.labelsTrue, c.labelsPred),
        12,
      );
    }
  });

  it('accepts typed arrays', () => {
    const c = supervisedCases[0];
    expect(adjustedRandIndex(Int32Array.from(c.labelsTrue), Float64Array.from(c.labelsPred))).toBe(
      adjustedRandIndex(c.labelsTrue, c.labelsPred),
    );
  });

  it('throws InvalidInputError for unequal lengths, empty labels, NaN and non-integers', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(InvalidInputError);
    expect(() => adjustedRandIndex([], [])).toThrow(/labelsTrue.*empty/);
    expect(() => adjustedRandIndex([0, Number.NaN], [0, 1])).toThrow(/labelsTrue at row 1/);
    expect(() => adjustedRandIndex([0, 1], [0, 1.5])).toThrow(/labelsPred at row 1/);
  });
});
