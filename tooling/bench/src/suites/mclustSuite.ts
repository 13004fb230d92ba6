import type { Matrix } from '@mixkit/core';
import { gaussianModelNames } from '@mixkit/distributions';
import { mclust, mclustAsync } from '@mixkit/gaussian-mixture';
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
import { unavailable } from './clusterContenders.js';

/** mclust's default grid: G = 1..9, the fourteen models. */
const MCLUST_G = [1, 2, 3, 4, 5, 6, 7, 8, 9];
/**
 * Rows of the workload used: at most 2000, where R's `Mclust()` runs its hierarchical
 * initialisation on every row (above, on a random subset of 2000), as `mclust()` does.
 */
const MCLUST_ROWS = 2_000;

/** The whole `mclust()` grid in the thread, or `mclustAsync` with its cells on a pool. */
function mixkitContender(X: Matrix, workers: number): Contender {
  let pool: WorkerPool | undefined;
  return {
    id: workers === 0 ? 'mixkit/in-thread' : `mixkit/workers-${workers}`,
    library: 'mixkit',
    variant:
      workers === 0
        ? 'mclust(), in the thread'
        : `mclustAsync, grid cells on ${workers} worker${workers > 1 ? 's' : ''}`,
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
      const result = pool === undefined ? mclust(X) : await mclustAsync(X, { executor: pool });
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: 1,
        details: {
          best: `${result.best.modelName},${result.best.nClusters}`,
          bic: result.best.bic ?? Number.NaN,
        },
      };
    },
  };
}

/** R's `Mclust()` on the same rows and grid (`r/r_bench.R`, op `mclust`). */
function rContender(ctx: BenchContext, dataFile: string, rows: number, cols: number): Contender {
  const row = { id: 'R-mclust', library: 'R mclust', variant: 'Mclust(X, G = 1:9), 14 models' };
  const r = ctx.r;
  if (typeof r === 'string') return unavailable(r, row);
  const job = {
    op: 'mclust',
    data: dataFile,
    rows,
    cols,
    G: MCLUST_G,
    modelNames: gaussianModelNames,
  };
  return {
    ...row,
    threads: 1,
    memory: false,
    run: async () => {
      const answer = await r.request(job);
      return {
        seconds: answer.seconds as number,
        cpuSeconds: answer.cpu_seconds as number,
        iterations: 1,
        details: {
          best: `${String(answer.modelName)},${String(answer.G)}`,
          bic: Number(answer.bic),
        },
      };
    },
  };
}

function detailOf(rows: readonly ContenderResult[], id: string, key: 'best' | 'bic') {
  return rows.find((row) => row.id === id && row.status === 'ok')?.details?.[key];
}

function mclustCase(ctx: BenchContext): BenchCase {
  const { header, X } = loadWorkload('blobs-small', ctx.size, ctx.cacheDir, ctx.log);
  const rows = Math.min(MCLUST_ROWS, X.rows);
  const data: Matrix = { rows, cols: X.cols, data: X.data.subarray(0, rows * X.cols) };
  return {
    id: 'mclust/blobs-small-2000',
    title: `mclust's model selection (14 models x G = 1..9, BIC): first ${rows} rows of blobs-small, ${X.cols} columns`,
    reference: 'mixkit/in-thread',
    workload: { name: 'blobs-small', rows, cols: X.cols },
    rounds: 2,
    contenders: [
      mixkitContender(data, 0),
      mixkitContender(data, 1),
      mixkitContender(data, 2),
      rContender(ctx, header.dataFile, rows, header.cols),
    ],
    targets: (results) => {
      const ours = detailOf(results, 'mixkit/in-thread', 'bic');
      const theirs = detailOf(results, 'R-mclust', 'bic');
      const same =
        typeof ours === 'number' && typeof theirs === 'number'
          ? Math.abs(ours - theirs) <= 1e-8 * Math.abs(theirs) &&
            detailOf(results, 'mixkit/in-thread', 'best') === detailOf(results, 'R-mclust', 'best')
          : null;
      const t0 = results.find((row) => row.id === 'mixkit/in-thread')?.perIteration?.median;
      const t2 = results.find((row) => row.id === 'mixkit/workers-2')?.perIteration?.median;
      const speedUp = t0 !== undefined && t2 !== undefined ? t0 / t2 : undefined;
      return [
        {
          description: "the same choice and BIC as R's Mclust() (relative 1e-8)",
          met: same,
          detail: `mixkit ${String(detailOf(results, 'mixkit/in-thread', 'best'))} ${String(ours)}, R ${String(detailOf(results, 'R-mclust', 'best'))} ${String(theirs)}`,
        },
        {
          description: 'the grid on 2 workers faster than in the thread',
          met: speedUp === undefined ? null : speedUp > 1,
          detail:
            speedUp === undefined
              ? 'a contender did not run'
              : `1 -> 2 workers: ${speedUp.toFixed(2)}x`,
        },
      ];
    },
    notes: [
      'time per iteration = the whole selection (the agglomeration in the thread, then 126 EM fits); no random source, so every mixkit row gives the same table and model',
      "on workers the grid's cells (one EM fit per model and G) are shards of @mixkit/gaussian-mixture:mclust-cell; the agglomeration stays in the calling thread",
    ],
  };
}

/** mclust's model selection (issue 17: its grid on the workers), against R's mclust. */
export const mclustSuite: Suite = {
  name: 'mclust',
  description: "mclust's BIC model selection in the thread and on workers, against R's Mclust()",
  caseIds: () => ['mclust/blobs-small-2000'],
  buildCase: async (id, ctx) => {
    if (id === 'mclust/blobs-small-2000') return mclustCase(ctx);
    throw new Error(`unknown mclust case ${id}`);
  },
};
