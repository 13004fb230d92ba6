import { type AnyComponentFamily, createMatrix, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  categorical,
  exponential,
  gamma,
  gaussianDiag,
  gaussianFull,
  gaussianSpherical,
  gaussianTied,
  logNormal,
  multinomial,
  poisson,
  product,
} from '../src/index.js';
import { estimateFrom } from './helpers.js';

/** Ten rows of non-constant data in the family's support. */
function data(d: number, value: (i: number, j: number) => number): Matrix {
  const X = createMatrix(10, d);
  for (let i = 0; i < 10; i++) for (let j = 0; j < d; j++) X.data[i * d + j] = value(i, j);
  return X;
}
const positive = (d: number) => data(d, (i, j) => 1.5 + ((i * (j + 2)) % 7));
const counts = (d: number) => data(d, (i, j) => (i * (j + 2)) % 5);
const binary = (d: number) => data(d, (i, j) => (i + j + (i >> 2)) % 2);

// Hand-computed counts (BIC/AIC free parameters of one component, and shared ones).
const table: [string, AnyComponentFamily, Matrix, number, number][] = [
  ['gaussian-full, d = 1: 1 + 1', gaussianFull(), positive(1), 2, 0],
  ['gaussian-full, d = 3: 3 + 6', gaussianFull(), positive(3), 9, 0],
  ['gaussian-full, d = 5: 5 + 15', gaussianFull(), positive(5), 20, 0],
  ['gaussian-diag, d = 3: 3 + 3', gaussianDiag(), positive(3), 6, 0],
  ['gaussian-spherical, d = 3: 3 + 1', gaussianSpherical(), positive(3), 4, 0],
  ['gaussian-tied, d = 3: 3 (+ 6 shared)', gaussianTied(), positive(3), 3, 6],
  ['gaussian-tied, d = 4: 4 (+ 10 shared)', gaussianTied(), positive(4), 4, 10],
  ['poisson, d = 4', poisson(), counts(4), 4, 0],
  ['exponential, d = 2', exponential(), positive(2), 2, 0],
  ['gamma, d = 3: shape and rate each', gamma(), positive(3), 6, 0],
  ['log-normal, d = 2: mean and variance each', logNormal(), positive(2), 4, 0],
  ['bernoulli, d = 5', bernoulli(), binary(5), 5, 0],
  ['multinomial, d = 6: 6 − 1', multinomial(), counts(6), 5, 0],
  [
    'categorical, levels [3, 2, 5]: 2 + 1 + 4',
    categorical({ levels: [3, 2, 5] }),
    data(3, (i, j) => i % [3, 2, 5][j]),
    7,
    0,
  ],
  [
    'categorical, 2 columns of 4 levels: 3 + 3',
    categorical({ levels: 4 }),
    data(2, (i) => i % 4),
    6,
    0,
  ],
  [
    'product: full over 2 (5) + Poisson (1) + categorical of 3 (2)',
    product([
      { columns: [0, 1], family: gaussianFull() },
      { columns: [2], family: poisson() },
      { columns: [3], family: categorical({ levels: [3] }) },
    ]),
    data(4, (i, j) => (j < 2 ? 1.5 + ((i * (j + 2)) % 7) : j === 2 ? i % 4 : i % 3)),
    8,
    0,
  ],
  [
    'product: tied over 2 (2, + 3 shared) + gamma (2)',
    product([
      { columns: [0, 1], family: gaussianTied() },
      { columns: [2], family: gamma() },
    ]),
    positive(3),
    4,
    3,
  ],
];

describe('free-parameter counts match the hand-computed table', () => {
  for (const [name, family, X, free, shared] of table) {
    it(name, () => {
      family.validate(X);
      const params = estimateFrom(family, X);
      expect(family.nParameters(params)).toBe(free);
      expect(family.nSharedParameters?.(params) ?? 0).toBe(shared);
    });
  }
});
