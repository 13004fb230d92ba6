import type { Matrix } from '@mixkit/core';
import { loadFaithful, loadIris, loadWine } from '@mixkit/datasets';
import type { CovarianceType } from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import fixture from '../src/__fixtures__/sklearn-bgmm.json' with { type: 'json' };
import { BayesianGaussianMixture } from '../src/variational/bayesianGaussianMixture.js';
import type { WeightPrior } from '../src/variational/variationalPrior.js';

const data: Record<string, Matrix> = {
  iris: loadIris().X,
  faithful: loadFaithful().X,
  wine: loadWine().X,
};

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1);
}

/**
 * From the same start (scikit-learn's k-means labels, one-hot), the lower bound of every
 * iteration equals scikit-learn's `BayesianGaussianMixture` to 1e-10 relative, with the same
 * iteration count and posterior (`tooling/scripts/fixtures/bayesian_mixture_sklearn.py`).
 */
describe.each(fixture.cases)(
  `BayesianGaussianMixture vs scikit-learn ${fixture.sklearnVersion}: $dataset, $covarianceType, $weightPrior`,
  (testCase) => {
    const X = data[testCase.dataset];
    it.each(['default', 'fixed'] as const)('%s run', (name) => {
      const run = testCase.runs[name];
      const mixture = new BayesianGaussianMixture({
        nClusters: testCase.nComponents,
        covarianceType: testCase.covarianceType as CovarianceType,
        weightPrior: testCase.weightPrior.replace('_', '-') as WeightPrior,
        tolerance: run.tol,
        maxIterations: run.maxIterations,
        init: { kind: 'labels', labels: testCase.labels },
      });
      const steps = mixture.iterate(X);
      const bounds: number[] = [];
      let step = steps.next();
      for (; !step.done; step = steps.next()) bounds.push(step.value.objective);
      const model = step.value;
      expect(bounds.length).toBe(run.lowerBounds.length);
      let worst = 0;
      run.lowerBounds.forEach((value, t) => {
        worst = Math.max(worst, relative(bounds[t], value));
      });
      expect(worst).toBeLessThan(1e-10);
      expect(model.iterations).toBe(run.iterations);
      expect(model.converged).toBe(run.converged);
      expect(relative(model.lowerBound, run.lowerBounds[run.lowerBounds.length - 1])).toBeLessThan(
        1e-10,
      );
      const weights = model.weights;
      run.weights.forEach((w, k) => {
        expect(Math.abs(weights[k] - w)).toBeLessThan(1e-9);
      });
      run.meanPrecision.forEach((beta, k) => {
        expect(relative(model.meanPrecision[k], beta)).toBeLessThan(1e-9);
      });
      expect(Array.from(model.predict(X))).toEqual(run.labels);
      const head = model.scoreSamples({
        rows: 5,
        cols: X.cols,
        data: X.data.subarray(0, 5 * X.cols),
      });
      run.scoreSamplesHead.forEach((value, i) => {
        expect(relative(head[i], value)).toBeLessThan(1e-9);
      });
    });
  },
);
