import type { Matrix } from '@mixkit/core';
import { gaussianDiag, gaussianFull, gaussianSpherical, gaussianTied } from '@mixkit/distributions';
import {
  fitMixture,
  fitMixtureAsync,
  type SelectMixtureOptions,
  selectMixture,
  selectMixtureAsync,
} from '@mixkit/em';
import { BayesianGaussianMixture } from '@mixkit/gaussian-mixture';
import { KMeans } from '@mixkit/kmeans';
import type { WorkerPool } from '@mixkit/workers';
import { startStopwatch } from '../harness/stopwatch.js';
import type {
  BenchCase,
  BenchContext,
  Contender,
  ContenderResult,
  Suite,
} from '../harness/types.js';
import { benchPool } from '../harness/workerPools.js';
import { loadWorkload } from '../workloads/workloadCache.js';

/** Restarts per fit: scikit-learn's KMeans default before 1.4, and a common GMM setting. */
export const RESTARTS = 8;

type Model = 'kmeans' | 'gmm' | 'bgmm' | 'select';

/** The selection grid: mclust's and scikit-learn's usual sweep, four covariance types x k. */
const SELECT_TYPES = ['full', 'diag', 'spherical', 'tied'] as const;
const SELECT_K = [1, 2, 3, 4, 5, 6];
/** Restarts per candidate of the selection. */
const SELECT_RESTARTS = 2;

function selectOptions(): SelectMixtureOptions {
  return {
    grid: {
      nClusters: SELECT_K,
      families: {
        full: gaussianFull(),
        diag: gaussianDiag(),
        spherical: gaussianSpherical(),
        tied: gaussianTied(),
      },
    },
    nInit: SELECT_RESTARTS,
    random: 0,
  };
}

/**
 * A whole seeded fit with `RESTARTS` restarts on blobs-small, in the thread (`fit`) or on a pool
 * (`fitAsync`: small data, so the restarts run in parallel, one per worker). Every mixkit row
 * fits the same bits; the time is the whole fit's (reported as one "iteration").
 */
function mixkitContender(model: Model, k: number, X: Matrix, workers: number): Contender {
  let pool: WorkerPool | undefined;
  const what =
    model === 'kmeans'
      ? 'KMeans'
      : model === 'gmm'
        ? 'fitMixture full'
        : model === 'bgmm'
          ? 'BayesianGaussianMixture full'
          : `selectMixture ${SELECT_TYPES.length} x ${SELECT_K.length} candidates`;
  const restarts = model === 'select' ? SELECT_RESTARTS : RESTARTS;
  return {
    id: workers === 0 ? 'mixkit/in-thread' : `mixkit/workers-${workers}`,
    library: 'mixkit',
    variant:
      workers === 0
        ? `${what}, nInit ${restarts}, in the thread`
        : `${what}, nInit ${restarts}, ${model === 'select' ? 'selectMixtureAsync' : 'fitAsync'} on ${workers} worker${workers > 1 ? 's' : ''}`,
    threads: Math.max(1, workers),
    ...(workers === 0
      ? {}
      : {
          prepare: async () => {
            pool = await benchPool(workers);
          },
        }),
    run: async () => {
      const watch = startStopwatch();
      let objective: number;
      if (model === 'kmeans') {
        const kmeans = new KMeans({ nClusters: k, nInit: RESTARTS });
        const fitted =
          pool === undefined
            ? kmeans.fit(X, { random: 0 })
            : await kmeans.fitAsync(X, { random: 0, executor: pool });
        objective = fitted.inertia;
      } else if (model === 'select') {
        const selection =
          pool === undefined
            ? selectMixture(X, selectOptions())
            : await selectMixtureAsync(X, { ...selectOptions(), executor: pool });
        objective = selection.best.bic;
      } else if (model === 'bgmm') {
        const mixture = new BayesianGaussianMixture({ nClusters: k, nInit: RESTARTS });
        const fitted =
          pool === undefined
            ? mixture.fit(X, { random: 0 })
            : await mixture.fitAsync(X, { random: 0, executor: pool });
        objective = fitted.lowerBound;
      } else {
        const options = { family: gaussianFull(), nClusters: k, nInit: RESTARTS, random: 0 };
        const fitted =
          pool === undefined
            ? fitMixture(X, options)
            : await fitMixtureAsync(X, { ...options, executor: pool });
        objective =
          fitted.diagnostics.restartObjectives[fitted.diagnostics.bestRestart] ?? Number.NaN;
      }
      const { seconds, cpuSeconds } = watch.stop();
      return { seconds, cpuSeconds, iterations: 1, details: { objective } };
    },
  };
}

/** scikit-learn's estimator of each restarts case (selection has its own variant text). */
const restartsModelName: Record<Exclude<Model, 'select'>, string> = {
  kmeans: 'KMeans',
  gmm: 'GaussianMixture full',
  bgmm: 'BayesianGaussianMixture full',
};

function sklearnContender(
  ctx: BenchContext,
  model: Model,
  header: { dataFile: string; rows: number; cols: number },
  k: number,
  threads: number,
): Contender {
  const base = {
    id: `scikit-learn/${threads}t`,
    library: 'scikit-learn',
    variant:
      model === 'select'
        ? `GaussianMixture over ${SELECT_TYPES.length} covariance types x k ${SELECT_K[0]}-${SELECT_K[SELECT_K.length - 1]}, lowest BIC, n_init ${SELECT_RESTARTS}, ${threads} thread${threads > 1 ? 's' : ''}`
        : `${restartsModelName[model]}, n_init ${RESTARTS}, ${threads} thread${threads > 1 ? 's' : ''}`,
    threads,
  };
  const python = ctx.python;
  if (typeof python === 'string') {
    return {
      ...base,
      unavailable: python,
      run: () => {
        throw new Error('unavailable');
      },
    };
  }
  const job =
    model === 'select'
      ? {
          op: 'select',
          data: header.dataFile,
          rows: header.rows,
          cols: header.cols,
          covariance_types: SELECT_TYPES,
          n_components: SELECT_K,
          n_init: SELECT_RESTARTS,
          threads,
        }
      : {
          op: 'restarts',
          model,
          data: header.dataFile,
          rows: header.rows,
          cols: header.cols,
          k,
          n_init: RESTARTS,
          threads,
        };
  return {
    ...base,
    run: async () => {
      const answer = await python.request(job);
      return {
        seconds: answer.seconds as number,
        cpuSeconds: answer.cpu_seconds as number,
        iterations: 1,
        details: {
          [model === 'select' ? 'best' : 'n_iter']:
            model === 'select' ? (answer.best as string) : (answer.n_iter as number),
        },
      };
    },
    // The selection job times the grid only (no memory probe).
    ...(model === 'select'
      ? {}
      : {
          measureMemory: async () => {
            const answer = await python.request({ ...job, memory: true });
            return {
              peakBytes: answer.peak_bytes as number,
              method: 'tracemalloc peak during one extra fit (numpy buffers are traced)',
            };
          },
        }),
  };
}

function ratio(
  rows: readonly ContenderResult[],
  id: string,
  reference: string,
): number | undefined {
  const a = rows.find((r) => r.id === id && r.status === 'ok')?.perIteration?.median;
  const b = rows.find((r) => r.id === reference && r.status === 'ok')?.perIteration?.median;
  return a !== undefined && b !== undefined ? a / b : undefined;
}

function restartsCase(model: Model, ctx: BenchContext): BenchCase {
  const { header, X, init } = loadWorkload('blobs-small', ctx.size, ctx.cacheDir, ctx.log);
  const k = init.centers.length;
  const contenders: Contender[] = [
    mixkitContender(model, k, X, 0),
    mixkitContender(model, k, X, 1),
    mixkitContender(model, k, X, 2),
    sklearnContender(ctx, model, header, k, 1),
    ...(model === 'kmeans' ? [sklearnContender(ctx, model, header, k, 2)] : []),
  ];
  const restarts = model === 'select' ? SELECT_RESTARTS : RESTARTS;
  return {
    id: `restarts/${model}-blobs-small`,
    title:
      model === 'select'
        ? `GMM model selection, ${SELECT_TYPES.length} covariance types x k = ${SELECT_K.join(', ')}, ${SELECT_RESTARTS} seeded restarts each, lowest BIC: ${X.rows} x ${X.cols}`
        : `${model === 'kmeans' ? 'k-means' : model === 'bgmm' ? 'variational GMM full' : 'GMM full'} with ${RESTARTS} seeded restarts, whole fit: ${X.rows} x ${X.cols}, k=${k}`,
    reference: 'mixkit/in-thread',
    workload: { name: 'blobs-small', rows: X.rows, cols: X.cols, k },
    contenders,
    targets: (rows) => {
      const r = ratio(rows, 'mixkit/workers-2', 'mixkit/in-thread');
      return [
        {
          // Issue 17: on blobs-small, workers never slower than the thread (automatic threshold);
          // 10% for timing noise between two runs of code that may take the same path.
          description: `${model === 'select' ? 'selection' : `nInit ${restarts}`} on 2 workers no slower than in the thread (automatic threshold)`,
          met: r === undefined ? null : r <= 1.1,
          detail:
            r === undefined ? 'a contender did not run' : `2 workers = ${r.toFixed(2)}x in-thread`,
        },
      ];
    },
    notes:
      model === 'select'
        ? [
            'time per iteration = the whole selection (every candidate, every restart, the scoring); each library seeds its own way',
            'mixkit rows give the same table and models; on 2 workers, the restarts of all candidates after the first run across the workers (@mixkit/em:select) when the first (timed in the thread) shows the rest take at least 20 ms',
          ]
        : [
            'time per iteration = the whole fit (seeding, every restart, the final pass); each library seeds its own way, so iterations differ',
            `mixkit rows fit the same bits; on 2 workers, restarts after the first run in parallel, one per worker (${model === 'bgmm' ? '@mixkit/gaussian-mixture:variational-restart' : model === 'kmeans' ? '@mixkit/kmeans:restart' : '@mixkit/em:restart'}), when the first (timed in the thread) shows the rest take at least 20 ms`,
          ],
  };
}

/**
 * Restarts in parallel on small data (issue 17), against scikit-learn's n_init; and a model
 * selection whose candidates run across the workers, against scikit-learn's selection loop.
 */
export const restartsSuite: Suite = {
  name: 'restarts',
  description:
    'nInit restarts on small data: in the thread, on 1 and 2 workers, against scikit-learn',
  caseIds: () => [
    'restarts/kmeans-blobs-small',
    'restarts/gmm-blobs-small',
    'restarts/bgmm-blobs-small',
    'restarts/select-blobs-small',
  ],
  buildCase: async (id, ctx) => {
    if (id === 'restarts/kmeans-blobs-small') return restartsCase('kmeans', ctx);
    if (id === 'restarts/gmm-blobs-small') return restartsCase('gmm', ctx);
    if (id === 'restarts/bgmm-blobs-small') return restartsCase('bgmm', ctx);
    if (id === 'restarts/select-blobs-small') return restartsCase('select', ctx);
    throw new Error(`unknown restarts case ${id}`);
  },
};
