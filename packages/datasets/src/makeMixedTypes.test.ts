import { createRandom, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { componentMoments } from '../test/moments.js';
import { makeMixedTypes } from './makeMixedTypes.js';
import type { MixedColumn } from './mixedColumnTypes.js';

describe('makeMixedTypes', () => {
  it('by default returns two Gaussian, one Poisson and one categorical column', () => {
    const { X, labels, columnTypes, parameters } = makeMixedTypes({ nSamples: 60 });
    expect([X.rows, X.cols]).toEqual([60, 4]);
    expect(columnTypes).toEqual(['gaussian', 'gaussian', 'poisson', 'categorical']);
    expect(labels.every((l) => l >= 0 && l < 3)).toBe(true);
    for (let i = 0; i < 60; i++) {
      const count = X.data[i * 4 + 2];
      const code = X.data[i * 4 + 3];
      expect(Number.isInteger(count) && count >= 0).toBe(true);
      expect([0, 1, 2, 3]).toContain(code);
    }
    expect(parameters.columns.map((c) => c.type)).toEqual(columnTypes);
  });

  it('is deterministic under a seed', () => {
    const a = makeMixedTypes({ nSamples: 30, random: 12 });
    const b = makeMixedTypes({ nSamples: 30, random: createRandom(12) });
    expect(b.X.data).toEqual(a.X.data);
    expect(b.labels).toEqual(a.labels);
    expect(makeMixedTypes({ nSamples: 30, random: 13 }).X.data).not.toEqual(a.X.data);
  });

  it('reproduces values pinned at seed 42 (regression pin, computed by this generator)', () => {
    const { X, labels } = makeMixedTypes({ nSamples: 3, nClusters: 2, random: 42 });
    expect(Array.from(X.data)).toEqual(PINNED.X);
    expect(Array.from(labels)).toEqual(PINNED.labels);
  });

  it('has per-component column statistics near the true parameters of every family', () => {
    const columns: MixedColumn[] = [
      { type: 'gaussian', means: [-2, 3], stds: [1, 0.5] },
      { type: 'poisson', rates: [2, 25] },
      {
        type: 'categorical',
        levels: 3,
        probabilities: [
          [0.7, 0.2, 0.1],
          [0.1, 0.1, 0.8],
        ],
      },
      { type: 'gamma', shapes: [2, 9], rates: [1, 3] },
      { type: 'bernoulli', probabilities: [0.2, 0.9] },
    ];
    const n = 10000;
    const { X, labels } = makeMixedTypes({ nSamples: n, weights: [0.5, 0.5], columns, random: 21 });
    for (let c = 0; c < 2; c++) {
      const { count, mean } = componentMoments(X, labels, c);
      expect(count).toBe(n / 2);
      const close = (value: number, expected: number, sd: number) =>
        expect(Math.abs(value - expected)).toBeLessThan((5 * sd) / Math.sqrt(count));
      close(mean[0], [-2, 3][c], [1, 0.5][c]);
      const rate = [2, 25][c];
      close(mean[1], rate, Math.sqrt(rate));
      const [shape, gammaRate] = [
        [2, 1],
        [9, 3],
      ][c];
      close(mean[3], shape! / gammaRate!, Math.sqrt(shape!) / gammaRate!);
      const p = [0.2, 0.9][c];
      close(mean[4], p, Math.sqrt(p * (1 - p)));
      const levels = [0, 0, 0];
      for (let i = 0; i < X.rows; i++) if (labels[i] === c) levels[X.data[i * 5 + 2]] += 1;
      const probabilities = [
        [0.7, 0.2, 0.1],
        [0.1, 0.1, 0.8],
      ][c];
      for (let level = 0; level < 3; level++) {
        const q = probabilities[level];
        close(levels[level] / count, q, Math.sqrt(q * (1 - q)));
      }
    }
  });

  it('draws parameters in their domains when none are given', () => {
    const { parameters } = makeMixedTypes({
      nClusters: 4,
      columns: [
        { type: 'gaussian' },
        { type: 'poisson' },
        { type: 'categorical', levels: 5 },
        { type: 'gamma' },
        { type: 'bernoulli' },
      ],
      random: 1,
    });
    for (const column of parameters.columns) {
      switch (column.type) {
        case 'gaussian':
          expect(column.stds.every((s) => s >= 0.5 && s <= 1.5)).toBe(true);
          break;
        case 'poisson':
          expect(column.rates.every((r) => r >= 1 && r <= 30)).toBe(true);
          break;
        case 'categorical':
          expect([column.probabilities.rows, column.probabilities.cols]).toEqual([4, 5]);
          break;
        case 'gamma':
          expect(column.shapes.every((s) => s >= 1 && s <= 10)).toBe(true);
          break;
        case 'bernoulli':
          expect(column.probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
          break;
      }
    }
  });

  it('throws InvalidInputError naming the column for bad specs', () => {
    expect(() =>
      makeMixedTypes({ nClusters: 2, columns: [{ type: 'poisson', rates: [1, -1] }] }),
    ).toThrow(/columns\[0\]\.rates at row 1/);
    expect(() =>
      makeMixedTypes({ nClusters: 2, columns: [{ type: 'gaussian', means: [0] }] }),
    ).toThrow(/columns\[0\]\.means/);
    expect(() => makeMixedTypes({ columns: [{ type: 'categorical', levels: 1 }] })).toThrow(
      /columns\[0\]\.levels/,
    );
    const unknown = { type: 'student' } as unknown as MixedColumn;
    expect(() => makeMixedTypes({ columns: [unknown] })).toThrow(/columns\[0\]\.type/);
    expect(() => makeMixedTypes({ columns: [] })).toThrow(InvalidInputError);
  });
});

/** Values this generator produced at seed 42 when the test was written (see makeBlobs.test). */
const PINNED = {
  X: [
    1.7802170811091536, 6.732078409855733, 0, 1, -3.108866954623442, 3.3660549528683137, 3, 1,
    -4.189339544225941, 4.375565033464219, 8, 2,
  ],
  labels: [1, 0, 0],
};
