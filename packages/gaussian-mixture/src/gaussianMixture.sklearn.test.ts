import type { Matrix } from '@mixkit/core';
import { loadFaithful, loadIris, loadWine } from '@mixkit/datasets';
import type { CovarianceType } from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/sklearn-gmm.json' with { type: 'json' };
import { GaussianMixture } from './gaussianMixture.js';

const data: Record<string, Matrix> = {
  iris: loadIris().X,
  faithful: loadFaithful().X,
  wine: loadWine().X,
};

/** |a - b| <= tolerance * max(|b|, 1), elementwise over nested arrays. */
function expectClose(actual: unknown, expected: unknown, tolerance: number, path = ''): void {
  if (typeof expected === 'number') {
    const a = actual as number;
    const scale = Math.max(Math.abs(expected), 1);
    if (!(Math.abs(a - expected) <= tolerance * scale)) {
      throw new Error(`${path}: ${a} vs ${expected} (relative ${Math.abs(a - expected) / scale})`);
    }
    return;
  }
  const list = expected as unknown[];
  expect((actual as unknown[]).length, path).toBe(list.length);
  list.forEach((value, i) => {
    expectClose((actual as unknown[])[i], value, tolerance, `${path}[${i}]`);
  });
}

describe.each(fixture.cases)(
  `GaussianMixture vs scikit-learn ${fixture.sklearnVersion}: $dataset, $covarianceType`,
  (testCase) => {
    const X = data[testCase.dataset];
    const fit = (run: { tol: number; maxIterations: number }) =>
      new GaussianMixture({
        nClusters: testCase.nComponents,
        covarianceType: testCase.covarianceType as CovarianceType,
        regCovar: fixture.regCovar,
        weightsInit: testCase.weightsInit,
        meansInit: testCase.meansInit,
        precisionsInit: testCase.precisionsInit,
        tolerance: run.tol,
        maxIterations: run.maxIterations,
      }).fit(X);

    it.each(Object.entries(testCase.runs))(
      '%s run: per-iteration mean log-likelihood agrees to 1e-10 relative, same iterations and final parameters',
      (_name, run) => {
        const model = fit(run);
        expect(model.iterations).toBe(run.iterations);
        expect(model.converged).toBe(run.converged);
        model.diagnostics.objective.forEach((value, t) => {
          const expected = run.lowerBounds[t];
          expect(
            Math.abs(value - expected) / Math.abs(expected),
            `iteration ${t + 1}`,
          ).toBeLessThanOrEqual(1e-10);
        });
        expectClose(Array.from(model.weights), run.weights, 1e-8, 'weights');
        const means = model.means;
        expectClose(
          Array.from({ length: means.rows }, (_, c) =>
            Array.from(means.data.subarray(c * means.cols, (c + 1) * means.cols)),
          ),
          run.means,
          1e-8,
          'means',
        );
        expectClose(model.covariances, run.covariances, 1e-8, 'covariances');
        expect(Array.from(model.predict(X))).toEqual(run.labels);
        expect(model.score(X)).toBeCloseTo(run.score, 9);
        expect(model.nParameters()).toBe(run.nParameters);
        expect(model.bic(X)).toBeCloseTo(run.bic, 6);
        expect(model.aic(X)).toBeCloseTo(run.aic, 6);
        const head = { rows: 5, cols: X.cols, data: X.data.subarray(0, 5 * X.cols) };
        const proba = model.predictProba(head);
        expectClose(
          Array.from({ length: 5 }, (_, i) =>
            Array.from(proba.data.subarray(i * proba.cols, (i + 1) * proba.cols)),
          ),
          run.predictProbaHead,
          1e-8,
          'predictProba',
        );
        expectClose(
          Array.from(model.scoreSamples(head)),
          run.scoreSamplesHead,
          1e-9,
          'scoreSamples',
        );
      },
    );
  },
);
