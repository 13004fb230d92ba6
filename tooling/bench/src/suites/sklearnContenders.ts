import type { BenchContext, Contender } from '../harness/types.js';
import type { WorkloadHeader } from '../workloads/workloadCache.js';

const TRACEMALLOC = 'tracemalloc peak during one extra fit (numpy buffers are traced)';

function dataJob(header: WorkloadHeader, rows = header.rows) {
  return { data: header.dataFile, rows, cols: header.cols, init: header.initFile };
}

/** scikit-learn's KMeans from the shared initial centers, n_init=1, tol=0. */
export function sklearnKMeans(
  ctx: BenchContext,
  header: WorkloadHeader,
  algorithm: 'lloyd' | 'elkan',
  threads: number,
  maxIterations: number,
): Contender {
  const base = {
    id: `scikit-learn/${algorithm}/${threads}t`,
    library: 'scikit-learn',
    variant: `KMeans ${algorithm}, ${threads} thread${threads > 1 ? 's' : ''}`,
    threads,
  };
  const python = ctx.python;
  if (typeof python === 'string') return { ...base, unavailable: python, run: unreachable };
  const job = { op: 'kmeans', ...dataJob(header), algorithm, threads, max_iter: maxIterations };
  return {
    ...base,
    run: async () => {
      const answer = await python.request(job);
      return {
        seconds: answer.seconds as number,
        cpuSeconds: answer.cpu_seconds as number,
        iterations: answer.n_iter as number,
        result: answer.centers,
        details: { n_iter: answer.n_iter as number, inertia_: answer.inertia as number },
      };
    },
    measureMemory: async () => {
      const answer = await python.request({ ...job, memory: true });
      return { peakBytes: answer.peak_bytes as number, method: TRACEMALLOC };
    },
  };
}

/** scikit-learn's GaussianMixture from the shared initial weights/means/precisions, tol=0. */
export function sklearnGaussianMixture(
  ctx: BenchContext,
  header: WorkloadHeader,
  covarianceType: 'full' | 'diag',
  maxIterations: number,
  regCovar: number,
): Contender {
  const base = {
    id: `scikit-learn/${covarianceType}`,
    library: 'scikit-learn',
    variant: `GaussianMixture ${covarianceType}, 1 thread`,
    threads: 1,
  };
  const python = ctx.python;
  if (typeof python === 'string') return { ...base, unavailable: python, run: unreachable };
  const job = {
    op: 'gmm',
    ...dataJob(header),
    covariance_type: covarianceType,
    max_iter: maxIterations,
    reg_covar: regCovar,
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
        details: {
          n_iter: answer.n_iter as number,
          lower_bound_: answer.lower_bound as number,
          converged_: answer.converged as boolean,
        },
      };
    },
    measureMemory: async () => {
      const answer = await python.request({ ...job, memory: true });
      return { peakBytes: answer.peak_bytes as number, method: TRACEMALLOC };
    },
  };
}

function unreachable(): never {
  throw new Error('an unavailable contender was run');
}
