import { loadWine } from '@mixkit/datasets';
import { gaussianDiag, gaussianFull, poisson } from '@mixkit/distributions';
import { setKernelCompilation } from '@mixkit/linalg';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmWorkspace } from './emWorkspace.js';
import { GaussianMixture } from './gaussian/gaussianMixture.js';

afterEach(() => {
  setKernelCompilation(true);
});

const X = { rows: 4, cols: 2, data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 9]) };

describe('createEmWorkspace', () => {
  it('copies the data and the block into one kernel memory when a family prefers it', () => {
    const workspace = createEmWorkspace(X, [gaussianFull(), gaussianDiag()]);
    expect(workspace.X.data).not.toBe(X.data);
    expect(Array.from(workspace.X.data)).toEqual(Array.from(X.data));
    expect(workspace.block.buffer).toBe(workspace.X.data.buffer);
  });

  it('keeps the caller data and an ordinary block otherwise', () => {
    const workspace = createEmWorkspace(X, [poisson(), gaussianFull()]);
    expect(workspace.X.data).toBe(X.data);
    expect(workspace.block.buffer).not.toBe(X.data.buffer);
    setKernelCompilation(false);
    const off = createEmWorkspace(X, [gaussianDiag(), gaussianDiag()]);
    expect(off.X.data).toBe(X.data);
  });
});

describe('a diagonal Gaussian mixture in kernel memory', () => {
  it('gives the same bits as the JavaScript loops: objective history, parameters, scores', () => {
    const { X: wine } = loadWine();
    const fit = () => {
      const model = new GaussianMixture({
        nComponents: 3,
        covarianceType: 'diag',
        nInit: 2,
        maxIter: 30,
        tol: 0,
        seed: 7,
      }).fit(wine);
      return {
        objective: model.diagnostics.objective,
        means: Array.from(model.means.data),
        covariances: model.covariances,
        scores: Array.from(model.scoreSamples(wine)),
      };
    };
    const simd = fit();
    setKernelCompilation(false);
    const plain = fit();
    expect(simd).toEqual(plain);
    expect(simd.objective.length).toBe(30);
  });
});
