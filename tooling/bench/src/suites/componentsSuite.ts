import type { Matrix } from '@mixkit/core';
import {
  studentTFull,
  studentTFullParams,
  vonMisesFisher,
  vonMisesFisherParams,
} from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { GaussianMixture } from '@mixkit/gaussian-mixture';
import { KMeans, SphericalKMeans } from '@mixkit/kmeans';
import { startStopwatch } from '../harness/stopwatch.js';
import type { BenchCase, BenchContext, Contender, Suite } from '../harness/types.js';
import { meanCohesion } from '../reference/cohesion.js';
import {
  type GaussianMixtureParams,
  gaussianMixtureLogLikelihood,
} from '../reference/gaussianMixtureLogLikelihood.js';
import type { InitialParameters } from '../workloads/initialParameters.js';
import { loadWorkload } from '../workloads/workloadCache.js';
import { sklearnGaussianMixture, sklearnKMeans } from './sklearnContenders.js';

/** Every contender runs this many iterations from the same start (tolerance 0). */
const ITERATIONS = 20;
const REG_COVAR = 1e-6;
/** The von Mises–Fisher mixture's starting concentration (every component). */
const START_CONCENTRATION = 50;
/** The Student-t mixture's starting degrees of freedom (every component). */
const START_DOF = 10;

/** A model's own score, for rows whose model no other contender fits. */
interface OwnScore {
  readonly ownScore: number;
}

function rowsOf(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) =>
    Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)),
  );
}

function centersMatrix(init: InitialParameters, d: number): Matrix {
  return { rows: init.centers.length, cols: d, data: Float64Array.from(init.centers.flat()) };
}

function sphericalContender(X: Matrix, init: InitialParameters): Contender {
  return {
    id: 'mixkit/spherical',
    library: 'mixkit',
    variant: 'SphericalKMeans (cosine)',
    threads: 1,
    comparable: false,
    run: () => {
      const model = new SphericalKMeans({
        nClusters: init.centers.length,
        init: centersMatrix(init, X.cols),
        maxIterations: ITERATIONS,
        tolerance: 0,
      });
      const watch = startStopwatch();
      const fitted = model.fit(X);
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: Math.max(1, fitted.iterations),
        result: rowsOf(fitted.centers),
        details: { iterations: fitted.iterations, cohesion: fitted.cohesion },
      };
    },
  };
}

function lloydContender(X: Matrix, init: InitialParameters): Contender {
  return {
    id: 'mixkit/lloyd',
    library: 'mixkit',
    variant: 'KMeans lloyd (Euclidean, same unit rows)',
    threads: 1,
    comparable: false,
    run: () => {
      const model = new KMeans({
        nClusters: init.centers.length,
        init: centersMatrix(init, X.cols),
        algorithm: 'lloyd',
        maxIterations: ITERATIONS,
        tolerance: 0,
      });
      const watch = startStopwatch();
      const fitted = model.fit(X);
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: Math.max(1, fitted.iterations),
        result: rowsOf(fitted.centers),
        details: { iterations: fitted.iterations },
      };
    },
  };
}

function vonMisesFisherContender(X: Matrix, init: InitialParameters): Contender {
  const family = vonMisesFisher();
  return {
    id: 'mixkit/von-mises-fisher',
    library: 'mixkit',
    variant: 'fitMixture vonMisesFisher (κ per component)',
    threads: 1,
    comparable: false,
    run: () => {
      const params = init.centers.map((center) => {
        let norm = 0;
        for (const value of center) norm += value * value;
        return vonMisesFisherParams(
          center.map((value) => value / Math.sqrt(norm)),
          START_CONCENTRATION,
        );
      });
      const watch = startStopwatch();
      const model = fitMixture(X, {
        family,
        nClusters: params.length,
        init: { kind: 'params', params, weights: init.weights },
        maxIterations: ITERATIONS,
        tolerance: 0,
      });
      const { seconds, cpuSeconds } = watch.stop();
      const result: OwnScore = { ownScore: model.score(X) };
      return { seconds, cpuSeconds, iterations: model.diagnostics.iterations, result };
    },
  };
}

function embeddingsCase(ctx: BenchContext): BenchCase {
  const { header, X, init } = loadWorkload('embeddings', ctx.size, ctx.cacheDir, ctx.log);
  return {
    id: 'components/embeddings-spherical',
    title: `Directional clustering, ${ITERATIONS} iterations from shared centres: ${X.rows} unit vectors x ${X.cols}, k=${init.centers.length}`,
    reference: 'mixkit/spherical',
    workload: { name: 'embeddings', rows: X.rows, cols: X.cols, k: init.centers.length },
    objectiveLabel: 'mean cosine of each row to its nearest final centre (harness formula)',
    contenders: [
      sphericalContender(X, init),
      lloydContender(X, init),
      // Euclidean k-means without renormalised centres: a different algorithm from cosine.
      { ...sklearnKMeans(ctx, header, 'lloyd', 1, ITERATIONS), comparable: false },
      vonMisesFisherContender(X, init),
    ],
    evaluate: (result) => {
      if (result && typeof result === 'object' && 'ownScore' in result) {
        return (result as OwnScore).ownScore;
      }
      return meanCohesion(X, result as number[][]);
    },
    notes: [
      "no JavaScript or Python library ships spherical k-means or a von Mises–Fisher mixture; scikit-learn's KMeans (Lloyd, 1 thread) on the same unit rows is what a user would otherwise run (its centres are not renormalised, so its assignments drift from cosine ones after the first step)",
      'each k-means row stops early when no label changes; time is per iteration actually run',
      "the von Mises–Fisher row's objective is its own mean log-likelihood (MixtureModel.score), not comparable with the cosine rows",
    ],
  };
}

function studentTContender(X: Matrix, init: InitialParameters): Contender {
  const family = studentTFull({ regCovar: REG_COVAR });
  return {
    id: 'mixkit/student-t-full',
    library: 'mixkit',
    variant: 'fitMixture studentTFull (ν learned per component)',
    threads: 1,
    comparable: false,
    run: () => {
      const covariances = init.full.covariances as number[][][];
      const params = init.means.map((mean, j) =>
        studentTFullParams(mean, (covariances[j] ?? []).flat(), START_DOF),
      );
      const watch = startStopwatch();
      const model = fitMixture(X, {
        family,
        nClusters: params.length,
        init: { kind: 'params', params, weights: init.weights },
        maxIterations: ITERATIONS,
        tolerance: 0,
      });
      const { seconds, cpuSeconds } = watch.stop();
      const result: OwnScore = { ownScore: model.score(X) };
      return { seconds, cpuSeconds, iterations: model.diagnostics.iterations, result };
    },
  };
}

function gaussianContender(X: Matrix, init: InitialParameters): Contender {
  return {
    id: 'mixkit/full',
    library: 'mixkit',
    variant: 'GaussianMixture full',
    threads: 1,
    run: () => {
      const mixture = new GaussianMixture({
        nClusters: init.weights.length,
        covarianceType: 'full',
        regCovar: REG_COVAR,
        tolerance: 0,
        maxIterations: ITERATIONS,
        weightsInit: init.weights,
        meansInit: init.means,
        precisionsInit: init.full.precisions as number[][][],
      });
      const watch = startStopwatch();
      const model = mixture.fit(X);
      const { seconds, cpuSeconds } = watch.stop();
      const result: GaussianMixtureParams = {
        weights: Array.from(model.weights),
        means: rowsOf(model.means),
        covariances: model.covariances as number[][][],
      };
      return { seconds, cpuSeconds, iterations: model.iterations, result };
    },
  };
}

function studentTCase(ctx: BenchContext): BenchCase {
  const { header, X, init } = loadWorkload('gmm-medium', ctx.size, ctx.cacheDir, ctx.log);
  return {
    id: 'components/gmm-medium-student-t',
    title: `Student-t mixture (full scale, ν learned), ${ITERATIONS} EM iterations from shared parameters: ${X.rows} x ${X.cols}, k=${init.weights.length}`,
    reference: 'mixkit/full',
    workload: { name: 'gmm-medium', rows: X.rows, cols: X.cols, k: init.weights.length },
    objectiveLabel: 'mean log-likelihood of the final parameters',
    contenders: [
      studentTContender(X, init),
      gaussianContender(X, init),
      sklearnGaussianMixture(ctx, header, 'full', ITERATIONS, REG_COVAR),
    ],
    evaluate: (result) => {
      if (result && typeof result === 'object' && 'ownScore' in result) {
        return (result as OwnScore).ownScore;
      }
      return gaussianMixtureLogLikelihood(X, result as GaussianMixtureParams, 'full');
    },
    notes: [
      'no JavaScript or Python library fits a t mixture with learned ν (scikit-learn has none); the full-covariance Gaussian rows (mixkit and scikit-learn, same start: location = mean, scale = covariance, ν = 10) are what a user would otherwise run, and show what the per-row latent scales cost: a second Mahalanobis pass per component in accumulate',
      "the t row's objective is its own model's mean log-likelihood (MixtureModel.score), not comparable with the Gaussian rows",
    ],
  };
}

const CASES: Record<string, (ctx: BenchContext) => BenchCase> = {
  'components/embeddings-spherical': embeddingsCase,
  'components/gmm-medium-student-t': studentTCase,
};

/** Component families beyond Gaussians: directions (spherical k-means, vMF) and Student t. */
export const componentsSuite: Suite = {
  name: 'components',
  description:
    'spherical k-means, von Mises–Fisher and Student-t mixtures beside their nearest peers',
  caseIds: () => Object.keys(CASES),
  buildCase: async (id, ctx) => {
    const make = CASES[id];
    if (!make) throw new Error(`unknown components case ${id}`);
    return make(ctx);
  },
};
