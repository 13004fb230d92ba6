import { readFileSync } from 'node:fs';
import type { Matrix } from '@mixkit/core';
import { GaussianMixture } from '@mixkit/gaussian-mixture';
import { KMeans } from '@mixkit/kmeans';
import type { WorkerPool } from '@mixkit/workers';
import { benchPool } from '../harness/workerPools.js';
import type { GaussianMixtureParams } from '../reference/gaussianMixtureLogLikelihood.js';
import type { GridFit } from '../workloads/gridSpecs.js';
import type { InitialParameters } from '../workloads/initialParameters.js';
import { readFloat64 } from '../workloads/workloadCache.js';

/** scikit-learn's default reg_covar, given to both sides explicitly. */
export const GRID_REG_COVAR = 1e-6;

/** What a fresh process is asked to fit (JSON on its command line). */
export interface FreshJob {
  readonly fit: GridFit;
  readonly dataFile: string;
  readonly initFile: string;
  readonly rows: number;
  readonly cols: number;
  readonly iterations: number;
  /**
   * Worker threads the fit runs on (`fitAsync` on a pool of `@mixkit/workers`), or 0 for the
   * calling thread; scikit-learn's side reads it as its thread count.
   */
  readonly workers: number;
}

/** One timed fit. */
export interface FitTiming {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** What the fresh process reports: its first fit (cold), a second one (warm), and the result. */
export interface FreshOutcome {
  /**
   * Peak resident set size of the process during its two fits, above the RSS after reading the
   * data (bytes): what the fits themselves add.
   */
  readonly peakBytes: number;
  readonly cold: FitTiming;
  readonly warm: FitTiming;
  /** Iterations each fit ran. */
  readonly iterations: number;
  /** k-means centers, or the mixture's parameters, for the harness's own objective. */
  readonly result: number[][] | GaussianMixtureParams;
  readonly details: Readonly<Record<string, number | string>>;
}

async function timed<T>(fit: () => T | Promise<T>): Promise<{ value: T; timing: FitTiming }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fit();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { value, timing: { seconds, cpuSeconds: (used.user + used.system) / 1e6 } };
}

function rowsOf(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) =>
    Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)),
  );
}

/**
 * A user's whole fit, twice in this process: the first is what a fresh process pays (module
 * compilation, the input check, placing data in kernel memory, the final scoring pass, and on
 * workers starting the pool), the second the same fit warm (on the same pool). Reading the file
 * is not timed; everything `fit` does is. CPU time counts every thread of the process.
 */
export async function runFreshFit(job: FreshJob): Promise<FreshOutcome> {
  const data = readFloat64(job.dataFile, job.rows * job.cols);
  const X: Matrix = { rows: job.rows, cols: job.cols, data };
  const init = JSON.parse(readFileSync(job.initFile, 'utf8')) as InitialParameters;
  const k = init.centers.length;
  const before = process.memoryUsage().rss;
  // process.resourceUsage().maxRSS is in KiB and covers the whole life of the process.
  const peakBytes = () => Math.max(0, process.resourceUsage().maxRSS * 1024 - before);
  let pool: WorkerPool | undefined;
  // The first fit on workers starts the pool, as a user's first fit in a fresh process does.
  const executor = async () => {
    pool ??= await benchPool(job.workers);
    return { executor: pool };
  };
  if (job.fit === 'kmeans') {
    const centers: Matrix = {
      rows: k,
      cols: job.cols,
      data: Float64Array.from(init.centers.flat()),
    };
    const fit = async () => {
      const model = new KMeans({
        nClusters: k,
        init: centers,
        maxIterations: job.iterations,
        tolerance: 0,
      });
      return job.workers === 0 ? model.fit(X) : model.fitAsync(X, await executor());
    };
    const cold = await timed(fit);
    const warm = await timed(fit);
    return {
      peakBytes: peakBytes(),
      cold: cold.timing,
      warm: warm.timing,
      iterations: warm.value.iterations,
      result: rowsOf(warm.value.centers),
      details: { algorithm: warm.value.algorithm, inertia: warm.value.inertia },
    };
  }
  const covarianceType = job.fit === 'gmm-full' ? 'full' : 'diag';
  const fit = async () => {
    const mixture = new GaussianMixture({
      nClusters: k,
      covarianceType,
      regCovar: GRID_REG_COVAR,
      tolerance: 0,
      maxIterations: job.iterations,
      weightsInit: init.weights,
      meansInit: init.means,
      precisionsInit: init[covarianceType].precisions,
    });
    return job.workers === 0 ? mixture.fit(X) : mixture.fitAsync(X, await executor());
  };
  const cold = await timed(fit);
  const warm = await timed(fit);
  const model = warm.value;
  return {
    peakBytes: peakBytes(),
    cold: cold.timing,
    warm: warm.timing,
    iterations: model.iterations,
    result: {
      weights: Array.from(model.weights),
      means: rowsOf(model.means),
      covariances: model.covariances as number[][] | number[][][],
    },
    details: { lower_bound: model.lowerBound },
  };
}
