import { createRandom, InvalidInputError, isPreparedData } from '@mixkit/core';
import { loadWine } from '@mixkit/datasets';
import { gaussianDiag, gaussianFull, gaussianTied, poisson } from '@mixkit/distributions';
import { prepareData, setKernelCompilation } from '@mixkit/linalg';
import { afterEach, describe, expect, it } from 'vitest';
import { scaledGlobalStats } from '../mstep/reseedComponent.js';
import { fitMixture } from '../run/fitMixture.js';
import { createEmWorkspace, placeInKernelMemory } from './emWorkspace.js';
import { KERNEL_MEMORY_MIN_VALUES, placedBeforeChecks } from './kernelArrays.js';

afterEach(() => {
  setKernelCompilation(true);
});

/** Enough rows of 2 columns to be worth a kernel memory. */
const rows = KERNEL_MEMORY_MIN_VALUES / 2;
const X = { rows, cols: 2, data: Float64Array.from({ length: 2 * rows }, (_, i) => (i * 7) % 13) };

/** The Wine data repeated with a small seeded jitter, above the kernel-memory threshold. */
function largeWine() {
  const { X: wine } = loadWine();
  const copies = Math.ceil(KERNEL_MEMORY_MIN_VALUES / wine.data.length);
  const data = new Float64Array(copies * wine.data.length);
  const random = createRandom(3);
  for (let i = 0; i < data.length; i++) {
    const value = wine.data[i % wine.data.length];
    data[i] = value * (1 + 0.01 * random.normal());
  }
  return { rows: copies * wine.rows, cols: wine.cols, data };
}

/** A workspace as a pass in the fit's thread sees it. */
function placed(...args: Parameters<typeof createEmWorkspace>) {
  const workspace = createEmWorkspace(...args);
  placeInKernelMemory(workspace);
  return workspace;
}

describe('placeInKernelMemory', () => {
  it('leaves the caller data alone until passes run in this thread', () => {
    expect(createEmWorkspace(X, [gaussianDiag()]).X.data).toBe(X.data);
  });

  it('copies the data and the block into one kernel memory when a family prefers it', () => {
    const workspace = placed(X, [gaussianFull(), gaussianDiag()]);
    expect(workspace.X.data).not.toBe(X.data);
    expect(Array.from(workspace.X.data)).toEqual(Array.from(X.data));
    expect(workspace.block.buffer).toBe(workspace.X.data.buffer);
  });

  it('keeps the caller data and an ordinary block otherwise', () => {
    const small = { rows: 4, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 9) };
    expect(placed(small, [gaussianDiag()]).X.data).toBe(small.data);
    const workspace = placed(X, [poisson(), poisson()]);
    expect(workspace.X.data).toBe(X.data);
    expect(workspace.block.buffer).not.toBe(X.data.buffer);
    setKernelCompilation(false);
    const off = placed(X, [gaussianDiag(), gaussianDiag()]);
    expect(off.X.data).toBe(X.data);
  });
});

describe('placedBeforeChecks', () => {
  it('prepares the data of a fit in this thread when a family prefers kernel memory', () => {
    const prepared = placedBeforeChecks(X, [gaussianDiag(), gaussianDiag()], 'error', true, 1024);
    expect(isPreparedData(prepared)).toBe(true);
    // The fit then reads the prepared rows in place, with its block beside them: no second copy.
    const workspace = placed(prepared, [gaussianDiag(), gaussianDiag()]);
    expect(workspace.X.data).toBe(isPreparedData(prepared) ? prepared.data : undefined);
    expect(workspace.block.buffer).toBe(workspace.X.data.buffer);
  });

  it('prepares it in shared memory when the passes leave this thread', () => {
    const families = [gaussianDiag(), gaussianDiag()];
    const shared = placedBeforeChecks(X, families, 'error', false, 1024, () => 1000);
    expect(isPreparedData(shared)).toBe(true);
    expect(isPreparedData(shared) && shared.inKernelMemory).toBe(false);
    expect(isPreparedData(shared) && shared.data.buffer instanceof SharedArrayBuffer).toBe(true);
    expect(isPreparedData(shared) && shared.data).toEqual(X.data);
    // One shard: the passes stay in this thread, and nothing is copied for workers.
    expect(isPreparedData(placedBeforeChecks(X, families, 'error', false, 1024))).toBe(false);
    expect(placedBeforeChecks(X, [poisson(), poisson()], 'error', false, 1024, () => 1000)).toBe(X);
  });

  it('leaves the data as it is otherwise', () => {
    const families = [gaussianDiag(), gaussianDiag()];
    // Passes on workers, missing cells allowed, no family that prefers kernel memory, small data,
    // a block too large for the scratch beside prepared rows (k = 80 x 1024 rows).
    expect(placedBeforeChecks(X, families, 'marginalize', true, 1024)).toBe(X);
    expect(placedBeforeChecks(X, families, 'marginalize', false, 1024, () => 1000)).toBe(X);
    expect(placedBeforeChecks(X, [poisson(), poisson()], 'error', true, 1024)).toBe(X);
    const small = { rows: 4, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 9) };
    expect(isPreparedData(placedBeforeChecks(small, families, 'error', true, 1024))).toBe(false);
    const many = Array.from({ length: 80 }, () => gaussianDiag());
    expect(isPreparedData(placedBeforeChecks(X, many, 'error', true, 1024))).toBe(false);
    setKernelCompilation(false);
    expect(placedBeforeChecks(X, families, 'error', true, 1024)).toBe(X);
  });

  it('names the first value that is not finite, as the finite check did', () => {
    const bad = { rows: X.rows, cols: 2, data: Float64Array.from(X.data) };
    bad.data[2 * 20_000 + 1] = Number.POSITIVE_INFINITY;
    const fit = () => fitMixture(bad, { family: gaussianDiag(), nClusters: 2, random: 1 });
    expect(fit).toThrow(InvalidInputError);
    expect(fit).toThrow(/row 20000, column 1/);
  });
});

describe('a diagonal Gaussian mixture in kernel memory', () => {
  it('gives the same bits as the JavaScript loops: objective history, parameters, scores', () => {
    const wine = largeWine();
    expect(placed(wine, [gaussianDiag()]).X.data).not.toBe(wine.data);
    const fit = () => {
      const model = fitMixture(wine, {
        family: gaussianDiag(),
        nClusters: 3,
        nInit: 2,
        maxIterations: 15,
        tolerance: 0,
        random: 7,
      });
      return {
        objective: model.diagnostics.objective,
        means: model.params.map((p) => Array.from(p.mean)),
        variances: model.params.map((p) => Array.from(p.variances)),
        scores: Array.from(model.scoreSamples(wine)),
      };
    };
    const simd = fit();
    setKernelCompilation(false);
    const plain = fit();
    expect(simd).toEqual(plain);
    expect(simd.objective.length).toBe(15);
  });
});

describe.each([
  ['full', gaussianFull()],
  ['tied', gaussianTied()],
] as const)('a %s Gaussian mixture in kernel memory', (_, family) => {
  it('gives the same bits as the JavaScript loops: objective history, parameters, scores', () => {
    const wine = largeWine();
    expect(placed(wine, [family]).X.data).not.toBe(wine.data);
    const fit = () => {
      const model = fitMixture(wine, {
        family,
        nClusters: 3,
        nInit: 2,
        maxIterations: 15,
        tolerance: 0,
        random: 7,
      });
      return {
        objective: model.diagnostics.objective,
        means: model.params.map((p) => Array.from(p.mean)),
        covariances: model.params.map((p) => Array.from(p.covariance)),
        scores: Array.from(model.scoreSamples(wine)),
      };
    };
    const simd = fit();
    setKernelCompilation(false);
    const plain = fit();
    expect(simd).toEqual(plain);
    expect(simd.objective.length).toBe(15);
  });
});

describe('whole-data statistics of prepared data', () => {
  /** A diagonal Gaussian family that counts the rows it accumulates. */
  function counting() {
    const base = gaussianDiag();
    const counter = { rows: 0 };
    const family: typeof base = {
      ...base,
      accumulate(stats, data, start, end, ...rest) {
        counter.rows += end - start;
        return base.accumulate(stats, data, start, end, ...rest);
      },
    };
    return { family, counter };
  }

  it('are skipped when the column ranges settle forData, and computed on need with the same bits', () => {
    const { family, counter } = counting();
    const lazy = createEmWorkspace(prepareData(X), [family, family]);
    expect(counter.rows).toBe(0);
    expect(lazy.globalStats.size).toBe(0);
    expect(lazy.dataWarnings).toEqual([]);
    const eager = createEmWorkspace(X, [family, family]);
    expect(counter.rows).toBe(X.rows);
    expect(eager.globalStats.size).toBe(1);
    expect(eager.dataWarnings).toEqual([]);
    // Re-seeding reads them: computed then, the same as those computed up front.
    const fromLazy = scaledGlobalStats(lazy, lazy.families[0], 3) as { mean: Float64Array };
    expect(counter.rows).toBe(2 * X.rows);
    expect(fromLazy).toEqual(scaledGlobalStats(eager, eager.families[0], 3));
    expect(fromLazy.mean.every(Number.isFinite)).toBe(true);
  });

  it('are computed where the ranges do not settle it: the same warnings as on the matrix', () => {
    // Column 1 varies by 1e-9: its variance is far below regCovar (1e-6), which warns.
    const narrow = {
      rows,
      cols: 2,
      data: Float64Array.from(X.data, (v, i) => (i % 2 === 1 ? 5 + 1e-9 * (v % 3) : v)),
    };
    const { family, counter } = counting();
    const fromPrepared = createEmWorkspace(prepareData(narrow), [family]);
    expect(counter.rows).toBe(rows);
    expect(fromPrepared.dataWarnings).toMatchObject([
      { kind: 'regularization-dominates', column: 1 },
    ]);
    expect(fromPrepared.dataWarnings).toEqual(createEmWorkspace(narrow, [family]).dataWarnings);
    // Weighted rows: the ranges say nothing about the weighted variances.
    createEmWorkspace(prepareData(X), [family], { sampleWeight: new Float64Array(rows).fill(2) });
    expect(counter.rows).toBe(3 * rows);
  });
});
