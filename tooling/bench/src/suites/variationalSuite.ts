import type { Matrix } from '@mixkit/core';
import { BayesianGaussianMixture } from '@mixkit/gaussian-mixture';
import type { WorkerPool } from '@mixkit/workers';
import { cpuRatioNote } from '../harness/cpuRatio.js';
import { startStopwatch } from '../harness/stopwatch.js';
import type {
  BenchCase,
  BenchContext,
  Contender,
  ContenderResult,
  Suite,
  TargetCheck,
} from '../harness/types.js';
import { benchPool } from '../harness/workerPools.js';
import {
  type GaussianMixtureParams,
  gaussianMixtureLogLikelihood,
} from '../reference/gaussianMixtureLogLikelihood.js';
import { loadWorkload, type WorkloadHeader } from '../workloads/workloadCache.js';

/** Both sides run exactly this many variational iterations (tolerance 0). */
const ITERATIONS = 20;
const REG_COVAR = 1e-6;

function matrixRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) =>
    Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)),
  );
}

/**
 * mixkit's BayesianGaussianMixture (Dirichlet process, full covariances) from k random rows: in
 * the calling thread (`fit`), or with `workers` > 0 `fitAsync` on a pool of that many worker
 * threads (its passes over rows as em's pass task; the same bits).
 */
function mixkitContender(X: Matrix, k: number, workers = 0): Contender {
  let pool: WorkerPool | undefined;
  return {
    id: workers === 0 ? 'mixkit/bgmm-full' : `mixkit/bgmm-full/workers-${workers}`,
    library: 'mixkit',
    variant:
      workers === 0
        ? 'BayesianGaussianMixture full, Dirichlet process'
        : `BayesianGaussianMixture full, Dirichlet process, fitAsync on ${workers} worker${workers > 1 ? 's' : ''}`,
    threads: Math.max(1, workers),
    ...(workers === 0
      ? {}
      : {
          prepare: async () => {
            pool = await benchPool(workers);
          },
        }),
    run: async () => {
      const mixture = new BayesianGaussianMixture({
        nClusters: k,
        covarianceType: 'full',
        regCovar: REG_COVAR,
        tolerance: 0,
        maxIterations: ITERATIONS,
        init: 'random-from-data',
      });
      const watch = startStopwatch();
      const model =
        pool === undefined
          ? mixture.fit(X, { random: 0 })
          : await mixture.fitAsync(X, { random: 0, executor: pool });
      const { seconds, cpuSeconds } = watch.stop();
      const result: GaussianMixtureParams = {
        weights: Array.from(model.weights),
        means: matrixRows(model.means),
        covariances: model.covariances as number[][][],
      };
      return {
        seconds,
        cpuSeconds,
        iterations: model.iterations,
        result,
        details: { n_iter: model.iterations, lower_bound: model.lowerBound },
      };
    },
  };
}

/** scikit-learn's BayesianGaussianMixture, the same settings (python/sklearn_bgmm.py). */
function sklearnContender(ctx: BenchContext, header: WorkloadHeader, k: number): Contender {
  const base = {
    id: 'scikit-learn/bgmm-full',
    library: 'scikit-learn',
    variant: 'BayesianGaussianMixture full, Dirichlet process, 1 thread',
    threads: 1,
    // Its own random start (scikit-learn's RNG): the posterior differs, the work per iteration not.
    comparable: false,
  };
  const python = ctx.python;
  if (typeof python === 'string') {
    return {
      ...base,
      unavailable: python,
      run: () => {
        throw new Error('an unavailable contender was run');
      },
    };
  }
  const job = {
    op: 'bgmm',
    data: header.dataFile,
    rows: header.rows,
    cols: header.cols,
    k,
    covariance_type: 'full',
    weight_prior: 'dirichlet_process',
    max_iter: ITERATIONS,
    reg_covar: REG_COVAR,
    threads: 1,
  };
  return {
    ...base,
    run: async () => {
      const answer = await python.request(job);
      return {
        seconds: answer.seconds as number,
        cpuSeconds: answer.cpu_seconds as number,
        iterations: answer.n_iter as number,
        result: answer.params,
        details: { n_iter: answer.n_iter as number, lower_bound_: answer.lower_bound as number },
      };
    },
  };
}

function targets(rows: readonly ContenderResult[]): TargetCheck[] {
  const mixkit = rows.find((r) => r.id === 'mixkit/bgmm-full' && r.status === 'ok');
  const sklearn = rows.find((r) => r.id === 'scikit-learn/bgmm-full' && r.status === 'ok');
  const description = 'mixkit time per variational iteration at most 1x scikit-learn single-thread';
  if (!mixkit?.perIteration || !sklearn?.perIteration) {
    return [{ description, met: null, detail: 'a contender did not run' }];
  }
  const ratio = mixkit.perIteration.median / sklearn.perIteration.median;
  const checks: TargetCheck[] = [
    {
      description,
      met: ratio <= 1,
      detail: `mixkit = ${ratio.toFixed(2)}x scikit-learn${cpuRatioNote(mixkit, sklearn)}`,
    },
  ];
  const ok = (id: string) => rows.find((r) => r.id === id && r.status === 'ok');
  const one = ok('mixkit/bgmm-full/workers-1');
  const two = ok('mixkit/bgmm-full/workers-2');
  // Issue 17's target is 1 → 2 workers (the same path, one more core); from the calling thread
  // to 2 workers also counts what a fit on workers costs beyond the thread's (reported too).
  for (const [from, base] of [
    ['on 1 worker', one],
    ['in the thread', mixkit],
  ] as const) {
    const speedUp = `mixkit on 2 workers at least 1.7x faster per iteration than ${from}`;
    if (two?.perIteration && base?.perIteration) {
      const s = base.perIteration.median / two.perIteration.median;
      checks.push({ description: speedUp, met: s >= 1.7, detail: `${s.toFixed(2)}x` });
    } else {
      checks.push({ description: speedUp, met: null, detail: 'a worker row did not run' });
    }
  }
  return checks;
}

function variationalCase(ctx: BenchContext): BenchCase {
  const { header, X, init } = loadWorkload('gmm-medium', ctx.size, ctx.cacheDir, ctx.log);
  const k = init.weights.length;
  return {
    id: 'variational/gmm-medium-full',
    title: `Variational Bayesian Gaussian mixture (full covariances, Dirichlet process), ${ITERATIONS} iterations: ${X.rows} x ${X.cols}, k=${k}`,
    reference: 'mixkit/bgmm-full',
    workload: { name: 'gmm-medium', rows: X.rows, cols: X.cols, k },
    objectiveLabel: 'mean log-likelihood of the posterior-mean mixture (harness formula)',
    contenders: [
      mixkitContender(X, k),
      mixkitContender(X, k, 1),
      mixkitContender(X, k, 2),
      sklearnContender(ctx, header, k),
    ],
    evaluate: (result) => gaussianMixtureLogLikelihood(X, result as GaussianMixtureParams, 'full'),
    targets,
    notes: [
      "each side starts from its own k random rows (init 'random-from-data', seed 0): compared per iteration, not by result; the agreement from the same start is a test of @mixkit/gaussian-mixture (1e-10)",
    ],
  };
}

/** The variational mixture against scikit-learn's BayesianGaussianMixture. */
export const variationalSuite: Suite = {
  name: 'variational',
  description: 'Variational Bayesian Gaussian mixture against scikit-learn BayesianGaussianMixture',
  caseIds: () => ['variational/gmm-medium-full'],
  buildCase: async (id, ctx) => {
    if (id !== 'variational/gmm-medium-full') throw new Error(`unknown variational case ${id}`);
    return variationalCase(ctx);
  },
};
