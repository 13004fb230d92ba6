import { toMatrix } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { type CovarianceType, gaussianFamily } from '@mixkit/distributions';
import { createEmWorkspace } from '@mixkit/em';
import { prepareData } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import { dataMoments } from '../src/variational/dataMoments.js';
import { resolveVariationalPrior } from '../src/variational/variationalPrior.js';

const { X } = makeBlobs({ nSamples: 3000, nFeatures: 5, centers: 4, random: 11 });
const data = toMatrix(X);
const { rows: n, cols: d } = data;
const types: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** np.cov(X.T): numpy's two passes (column means, then centred products). */
function npCov(): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data.data[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        cov[a * d + b] +=
          ((data.data[i * d + a] - mean[a]) * (data.data[i * d + b] - mean[b])) / (n - 1);
      }
    }
  }
  return cov;
}

const workspace = (type: CovarianceType, input = X, sampleWeight?: Float64Array) =>
  createEmWorkspace(input, new Array(4).fill(gaussianFamily(type, { regCovar: 1e-6 })), {
    sampleWeight,
  });

describe('the default covariance prior (Ψ₀)', () => {
  it.each(types)('%s: np.cov(X.T) in the type’s shape, from the workspace’s statistics', (type) => {
    const expected = npCov();
    const prior = resolveVariationalPrior(data, 4, type, {}, () => dataMoments(workspace(type)));
    const diagonal = Array.from({ length: d }, (_, j) => expected[j * d + j]);
    const want =
      type === 'full' || type === 'tied'
        ? Array.from(expected)
        : type === 'diag'
          ? diagonal
          : [diagonal.reduce((a, b) => a + b, 0) / d];
    expect(prior.covariance.length).toBe(want.length);
    for (const [i, value] of prior.covariance.entries()) {
      expect(Math.abs(value - want[i])).toBeLessThan(1e-12 * Math.abs(want[i]) + 1e-14);
    }
  });

  it.each(types)(
    '%s: the same bits whether the workspace kept the statistics or they are computed again',
    (type) => {
      const kept = dataMoments(workspace(type));
      // Sample weights: the kept statistics are weighted, so the unweighted pass runs again.
      const weighted = dataMoments(workspace(type, X, new Float64Array(n).fill(2)));
      // Prepared data: its column ranges settle the family, so no statistics are kept.
      const prepared = dataMoments(workspace(type, prepareData(X)));
      for (const other of [weighted, prepared]) {
        expect(other.weight).toBe(n);
        expect(Array.from(other.scatter)).toEqual(Array.from(kept.scatter));
      }
    },
  );

  it('is not computed when a covariancePrior is given', () => {
    const prior = resolveVariationalPrior(data, 4, 'spherical', { covariancePrior: 2 }, () => {
      throw new Error('read the data’s moments');
    });
    expect(Array.from(prior.covariance)).toEqual([2]);
  });
});
