import { createMatrix, createRandom, InvalidInputError, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { GaussianMixture, GaussianMixtureModel } from '../src/index.js';

// GaussianMixture at extreme magnitudes and scales (issue 16): data near 1e300 ended in
// "increase regCovar", which cannot help; data near 1e-300 was fitted into one cluster with no
// error; columns at 1e-6 next to 1e6 lost the small columns to the absolute regCovar silently.

function blobs(scale0: number, scale1: number): Matrix {
  const random = createRandom(3);
  const X = createMatrix(120, 2);
  for (let i = 0; i < 120; i++) {
    X.data[2 * i] = ((i % 3) * 10 + random.normal()) * scale0;
    X.data[2 * i + 1] = ((i % 3) * 10 + random.normal()) * scale1;
  }
  return X;
}

function invalid(action: () => unknown): InvalidInputError {
  try {
    action();
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('GaussianMixture beyond double precision', () => {
  it('data near 1e300: an InvalidInputError that says to divide X (not "increase regCovar")', () => {
    const error = invalid(() => new GaussianMixture({ nClusters: 3 }).fit(blobs(1e300, 1e300)));
    expect(error.argument).toBe('X');
    expect(error.message).toMatch(/divide X by a constant/);
    expect(error.message).not.toMatch(/regCovar/);
  });

  it('data near 1e-300: an InvalidInputError that says to multiply X (not one silent cluster)', () => {
    const error = invalid(() =>
      new GaussianMixture({ nClusters: 3, covarianceType: 'diag' }).fit(blobs(1e-300, 1e-300)),
    );
    expect(error.argument).toBe('X');
    expect(error.message).toMatch(/multiply X by a constant/);
  });
});

describe('GaussianMixture with columns on very different scales', () => {
  const X = blobs(1e-6, 1e6);

  it('the default regCovar is reported where it swamps a column', () => {
    const model = new GaussianMixture({ nClusters: 3, covarianceType: 'diag' }).fit(X);
    expect(model.diagnostics.warnings).toContainEqual(
      expect.objectContaining({ kind: 'regularization-dominates', column: 0 }),
    );
    // Column 0's variances are the regularisation, not the data's (~1e-12).
    const covariances = model.covariances as number[][];
    expect(covariances[0][0]).toBeGreaterThan(1e-6);
  });

  it('a relative regCovar keeps every column on its own scale, and the model round-trips', () => {
    const model = new GaussianMixture({
      nClusters: 3,
      covarianceType: 'diag',
      regCovar: { relative: 1e-6 },
    }).fit(X);
    expect(model.diagnostics.warnings.filter((w) => w.kind === 'regularization-dominates')).toEqual(
      [],
    );
    const covariances = model.covariances as number[][];
    expect(covariances[0][0]).toBeLessThan(1e-11);
    expect(covariances[0][1]).toBeGreaterThan(1e11);
    const back = GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(model.predictProba(X).data));
  });

  it('a bad regCovar is an InvalidInputError naming it, at construction', () => {
    expect(invalid(() => new GaussianMixture({ regCovar: { relative: -1 } })).argument).toBe(
      'regCovar.relative',
    );
  });
});

describe('GaussianMixtureModel.lowerBound', () => {
  it('is the initial score, not NaN, for an initialisation-only fit (maxIterations 0)', () => {
    const X = blobs(1, 1);
    const model = new GaussianMixture({ nClusters: 3, maxIterations: 0 }).fit(X);
    expect(Number.isFinite(model.lowerBound)).toBe(true);
    expect(model.lowerBound).toBe(model.score(X));
  });
});
