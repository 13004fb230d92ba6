import type { Matrix } from '@mixkit/core';
import {
  categorical,
  categoricalParams,
  gaussianDiag,
  gaussianDiagParams,
  poisson,
  poissonParams,
  product,
} from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { GaussianMixture } from '@mixkit/gaussian-mixture';
import { startStopwatch } from '../harness/stopwatch.js';
import type { BenchCase, BenchContext, Contender, Suite } from '../harness/types.js';
import {
  type GaussianMixtureParams,
  gaussianMixtureLogLikelihood,
} from '../reference/gaussianMixtureLogLikelihood.js';
import { MIXED_CATEGORIES } from '../workloads/generateWorkload.js';
import type { InitialParameters } from '../workloads/initialParameters.js';
import { loadWorkload } from '../workloads/workloadCache.js';
import { sklearnGaussianMixture } from './sklearnContenders.js';

const ITERATIONS = 20;
const REG_COVAR = 1e-6;

/** A model's own score, for the row whose model no other contender fits. */
interface OwnScore {
  readonly ownScore: number;
}

/**
 * The product start, derived from the shared init file: component j's Gaussian block starts at
 * center j's first two columns with the data variances, its Poisson block at center j's counts
 * (+0.5, so no rate is 0), its categorical block puts 0.7 on center j's level and 0.1 elsewhere.
 */
function productStart(init: InitialParameters) {
  return init.centers.map((center, j) => {
    const variances = (init.diag.covariances[j] as number[]).slice(0, 2);
    const level = center[4];
    const probabilities = Array.from({ length: MIXED_CATEGORIES }, (_, l) =>
      l === level ? 0.7 : 0.1,
    );
    return [
      gaussianDiagParams(center.slice(0, 2), variances),
      poissonParams([center[2] + 0.5, center[3] + 0.5]),
      categoricalParams([probabilities]),
    ] as const;
  });
}

function productContender(X: Matrix, init: InitialParameters): Contender {
  const family = product([
    { columns: [0, 1], family: gaussianDiag({ regCovar: REG_COVAR }) },
    { columns: [2, 3], family: poisson() },
    { columns: [4], family: categorical({ levels: MIXED_CATEGORIES }) },
  ] as const);
  return {
    id: 'mixkit/product',
    library: 'mixkit',
    variant: 'fitMixture product(gaussian-diag, poisson, categorical)',
    threads: 1,
    comparable: false,
    run: () => {
      const watch = startStopwatch();
      const model = fitMixture(X, {
        family,
        nClusters: init.weights.length,
        init: { kind: 'params', params: productStart(init), weights: init.weights },
        maxIterations: ITERATIONS,
        tolerance: 0,
      });
      const { seconds, cpuSeconds } = watch.stop();
      const result: OwnScore = { ownScore: model.score(X) };
      return { seconds, cpuSeconds, iterations: model.diagnostics.iterations, result };
    },
  };
}

function diagContender(X: Matrix, init: InitialParameters): Contender {
  return {
    id: 'mixkit/diag',
    library: 'mixkit',
    variant: 'GaussianMixture diag (all columns as Gaussian)',
    threads: 1,
    run: () => {
      const mixture = new GaussianMixture({
        nClusters: init.weights.length,
        covarianceType: 'diag',
        regCovar: REG_COVAR,
        tolerance: 0,
        maxIterations: ITERATIONS,
        weightsInit: init.weights,
        meansInit: init.means,
        precisionsInit: init.diag.precisions as number[][],
      });
      const watch = startStopwatch();
      const model = mixture.fit(X);
      const { seconds, cpuSeconds } = watch.stop();
      const means = model.means;
      const result: GaussianMixtureParams = {
        weights: Array.from(model.weights),
        means: Array.from({ length: means.rows }, (_, r) =>
          Array.from(means.data.subarray(r * means.cols, (r + 1) * means.cols)),
        ),
        covariances: model.covariances as number[][],
      };
      return { seconds, cpuSeconds, iterations: model.iterations, result };
    },
  };
}

function mixedCase(ctx: BenchContext): BenchCase {
  const { header, X, init } = loadWorkload('mixed-types', ctx.size, ctx.cacheDir, ctx.log);
  return {
    id: 'mixed/mixed-types',
    title: `Mixed-type mixture, ${ITERATIONS} EM iterations: ${X.rows} rows (2 Gaussian, 2 Poisson, 1 categorical column), k=${init.weights.length}`,
    reference: 'mixkit/diag',
    workload: { name: 'mixed-types', rows: X.rows, cols: X.cols, k: init.weights.length },
    objectiveLabel: 'mean log-likelihood of the final parameters',
    contenders: [
      productContender(X, init),
      diagContender(X, init),
      sklearnGaussianMixture(ctx, header, 'diag', ITERATIONS, REG_COVAR),
    ],
    evaluate: (result) => {
      if (result && typeof result === 'object' && 'ownScore' in result)
        return (result as OwnScore).ownScore;
      return gaussianMixtureLogLikelihood(X, result as GaussianMixtureParams, 'diag');
    },
    notes: [
      'no JavaScript or Python library fits this product model; the diagonal-Gaussian rows (mixkit and scikit-learn, same start) are what a user would otherwise do, and show what the generic runner costs for non-Gaussian families',
      "the product row's objective is its own model's mean log-likelihood (MixtureModel.score): a different model, not comparable with the Gaussian rows",
    ],
  };
}

/** Mixed-type suite: the generic runner on a product family, beside diagonal Gaussians. */
export const mixedSuite: Suite = {
  name: 'mixed',
  description: 'generic EM runner on mixed-type columns',
  caseIds: () => ['mixed/mixed-types'],
  buildCase: async (id, ctx) => {
    if (id !== 'mixed/mixed-types') throw new Error(`unknown mixed case ${id}`);
    return mixedCase(ctx);
  },
};
