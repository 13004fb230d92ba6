import { gaussianModel, gaussianModelNames } from '@mixkit/distributions';
import { iterateEm } from '@mixkit/em';
import { describe, expect, it } from 'vitest';
import { loadMclustFixture, mclustDataSets } from './mclustFixtures.js';

/**
 * From the same start (one M-step from the hierarchical partition with G = 3), the
 * log-likelihood after each EM iteration equals mclust's `me()` to 1e-8 relative, for every
 * model and data set of the fixtures (`scripts/mclustFixtures.R`).
 */
describe.each(mclustDataSets)('EM with gaussianModel(name) vs mclust me(): %s', (dataSet) => {
  const { X, fixture } = loadMclustFixture(dataSet);
  const labels = fixture.hc[fixture.traceG - 1];
  it.each(gaussianModelNames)('%s', (name) => {
    const expected = fixture.traces[name].loglik;
    const steps = iterateEm(X, {
      family: gaussianModel(name),
      nClusters: fixture.traceG,
      init: { kind: 'labels', labels },
      tolerance: 0,
      maxIterations: expected.length,
    });
    const actual: number[] = [];
    for (let step = steps.next(); !step.done; step = steps.next()) {
      actual.push(step.value.objective * X.rows);
    }
    expect(actual.length).toBe(expected.length);
    let worst = 0;
    expected.forEach((value, t) => {
      worst = Math.max(worst, Math.abs(actual[t] - value) / Math.abs(value));
    });
    expect(worst).toBeLessThan(1e-8);
  });
});
