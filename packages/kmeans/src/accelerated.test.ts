import { createRandom, type Matrix } from '@mixkit/core';
import { loadIris, loadWine } from '@mixkit/datasets';
import { setKernelCompilation } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import { blobs, pickRows } from '../test/blobs.js';
import { kmeansPlusPlus } from './init/kmeansPlusPlus.js';
import { KMeans } from './kmeans.js';

function fitWith(
  algorithm: 'lloyd' | 'hamerly' | 'elkan' | 'yinyang',
  X: Matrix,
  init: Matrix,
  maxIterations = 300,
) {
  return new KMeans({ nClusters: init.rows, init, algorithm, maxIterations, tolerance: 0 }).fit(X);
}

const problems: { name: string; X: () => Matrix; k: number; seed: number }[] = [
  { name: 'blobs n=2000 d=2 k=8', X: () => blobs(2000, 2, 8, 1).X, k: 8, seed: 1 },
  { name: 'blobs n=3000 d=10 k=20', X: () => blobs(3000, 10, 20, 2).X, k: 20, seed: 2 },
  {
    name: 'blobs n=1500 d=32 k=40 (overlapping)',
    X: () => blobs(1500, 32, 40, 3, 2).X,
    k: 40,
    seed: 3,
  },
  { name: 'iris k=6', X: () => loadIris().X, k: 6, seed: 4 },
  { name: 'wine k=10', X: () => loadWine().X, k: 10, seed: 5 },
];

describe('Hamerly, Elkan and Yinyang are exact accelerations of Lloyd', () => {
  for (const problem of problems) {
    it(`${problem.name}: same labels, centers (1e-12), inertia and iterations as Lloyd, with fewer distances`, () => {
      const X = problem.X();
      const init = kmeansPlusPlus(X, problem.k, createRandom(problem.seed));
      const lloyd = fitWith('lloyd', X, init);
      for (const algorithm of ['hamerly', 'elkan', 'yinyang'] as const) {
        const fast = fitWith(algorithm, X, init);
        expect(fast.algorithm).toBe(algorithm);
        expect(Array.from(fast.labels)).toEqual(Array.from(lloyd.labels));
        for (let t = 0; t < lloyd.centers.data.length; t++) {
          expect(Math.abs(fast.centers.data[t] - lloyd.centers.data[t])).toBeLessThanOrEqual(1e-12);
        }
        expect(Math.abs(fast.inertia - lloyd.inertia)).toBeLessThanOrEqual(1e-12 * lloyd.inertia);
        expect(fast.iterations).toBe(lloyd.iterations);
        expect(fast.diagnostics.objective.length).toBe(lloyd.diagnostics.objective.length);
        expect(fast.distanceComputations).toBeLessThan(lloyd.distanceComputations);
      }
    });
  }

  it('they also agree when the run stops at maxIterations (final assignment included)', () => {
    const { X } = blobs(1000, 5, 12, 9, 3);
    const init = pickRows(X, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const lloyd = fitWith('lloyd', X, init, 3);
    expect(lloyd.converged).toBe(false);
    for (const algorithm of ['hamerly', 'elkan', 'yinyang'] as const) {
      const fast = fitWith(algorithm, X, init, 3);
      expect(Array.from(fast.labels)).toEqual(Array.from(lloyd.labels));
      expect(Math.abs(fast.inertia - lloyd.inertia)).toBeLessThanOrEqual(1e-12 * lloyd.inertia);
      expect(fast.converged).toBe(false);
    }
  });

  it('they break exact distance ties towards the lower center index, as Lloyd', () => {
    // An integer grid with centers at grid points: many rows are exactly equidistant.
    const rows: number[] = [];
    for (let a = 0; a < 12; a++) for (let b = 0; b < 12; b++) rows.push(a, b);
    const X: Matrix = { rows: 144, cols: 2, data: Float64Array.from(rows) };
    const init: Matrix = { rows: 4, cols: 2, data: Float64Array.from([2, 2, 2, 8, 8, 2, 8, 8]) };
    for (const maxIterations of [1, 2, 300]) {
      const lloyd = fitWith('lloyd', X, init, maxIterations);
      for (const algorithm of ['hamerly', 'elkan', 'yinyang'] as const) {
        const fast = fitWith(algorithm, X, init, maxIterations);
        expect(Array.from(fast.labels)).toEqual(Array.from(lloyd.labels));
        expect(fast.iterations).toBe(lloyd.iterations);
      }
    }
  });

  it('they agree with Lloyd through an empty-cluster re-seeding', () => {
    const { X } = blobs(600, 3, 4, 11);
    const init = pickRows(X, [0, 1, 2, 3]);
    init.data.fill(1000, 9, 12); // center 3 far from every row: empty on the first iteration
    const lloyd = fitWith('lloyd', X, init);
    expect(lloyd.diagnostics.warnings.some((w) => w.kind === 'empty-component')).toBe(true);
    for (const algorithm of ['hamerly', 'elkan', 'yinyang'] as const) {
      const fast = fitWith(algorithm, X, init);
      expect(Array.from(fast.labels)).toEqual(Array.from(lloyd.labels));
      expect(fast.diagnostics.warnings).toEqual(lloyd.diagnostics.warnings);
    }
  });
});

describe('Yinyang with several groups', () => {
  it('keeps Lloyd labels through exact ties across groups (the NearestCenters hand-off)', () => {
    // Rows on an integer grid and 30 centers at grid points (3 groups): many rows are exactly
    // equidistant from centers of different groups.
    const rows: number[] = [];
    for (let a = 0; a < 20; a++) for (let b = 0; b < 20; b++) rows.push(a, b);
    const X: Matrix = { rows: 400, cols: 2, data: Float64Array.from(rows) };
    const init = pickRows(
      X,
      Array.from({ length: 30 }, (_, j) => j * 13),
    );
    for (const maxIterations of [1, 2, 300]) {
      const lloyd = fitWith('lloyd', X, init, maxIterations);
      const yinyang = fitWith('yinyang', X, init, maxIterations);
      expect(Array.from(yinyang.labels)).toEqual(Array.from(lloyd.labels));
      expect(yinyang.inertia).toBe(lloyd.inertia);
      expect(yinyang.iterations).toBe(lloyd.iterations);
    }
  });

  it('64 centers (6 groups) on overlapping clusters: Lloyd labels with fewer distances', () => {
    const { X } = blobs(4000, 8, 64, 21, 3);
    const init = kmeansPlusPlus(X, 64, createRandom(21));
    const lloyd = fitWith('lloyd', X, init, 40);
    const yinyang = fitWith('yinyang', X, init, 40);
    expect(Array.from(yinyang.labels)).toEqual(Array.from(lloyd.labels));
    expect(Math.abs(yinyang.inertia - lloyd.inertia)).toBeLessThanOrEqual(1e-12 * lloyd.inertia);
    expect(yinyang.iterations).toBe(lloyd.iterations);
    expect(yinyang.distanceComputations).toBeLessThan(0.6 * lloyd.distanceComputations);
  });
});

describe('Hamerly with the float32 screen (bounds in kernel memory) and without WebAssembly', () => {
  // k·d above the fused kernels' 128: the screen runs, and Hamerly's bound test, bound update and
  // search run on its kernel memory; without WebAssembly all of it runs in JavaScript.
  for (const [n, d, k, seed] of [
    [4000, 24, 12, 7],
    [6000, 5, 40, 8],
  ] as const) {
    it(`overlapping blobs n=${n} d=${d} k=${k}: the same labels, centres and inertia, bit for bit, and Lloyd's labels`, () => {
      const X = blobs(n, d, k, seed, 3).X;
      const init = kmeansPlusPlus(X, k, createRandom(seed));
      const screened = fitWith('hamerly', X, init, 40);
      setKernelCompilation(false);
      try {
        const plain = fitWith('hamerly', X, init, 40);
        expect(Array.from(plain.labels)).toEqual(Array.from(screened.labels));
        expect(Array.from(plain.centers.data)).toEqual(Array.from(screened.centers.data));
        expect(plain.inertia).toBe(screened.inertia);
        expect(plain.iterations).toBe(screened.iterations);
        const lloyd = fitWith('lloyd', X, init, 40);
        expect(Array.from(screened.labels)).toEqual(Array.from(lloyd.labels));
        expect(Math.abs(screened.inertia - lloyd.inertia)).toBeLessThanOrEqual(
          1e-12 * lloyd.inertia,
        );
      } finally {
        setKernelCompilation(true);
      }
    });
  }
});
