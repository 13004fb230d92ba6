import type { Matrix } from '@mixkit/core';
import { KMeans, type KMeansAlgorithm } from '@mixkit/kmeans';
import type { WorkerPool } from '@mixkit/workers';
import { kmeans as mlKmeans } from 'ml-kmeans';
import skmeans from 'skmeans';
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
import { inertia } from '../reference/inertia.js';
import { loadWorkload } from '../workloads/workloadCache.js';
import type { WorkloadName } from '../workloads/workloadSpecs.js';
import { sklearnKMeans } from './sklearnContenders.js';

/** Every contender runs this many Lloyd iterations from the same centers (tolerance 0). */
export const KMEANS_ITERATIONS = 20;

function toRows(X: Matrix): number[][] {
  const rows: number[][] = new Array(X.rows);
  for (let i = 0; i < X.rows; i++)
    rows[i] = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
  return rows;
}

function copyCenters(centers: readonly (readonly number[])[]): number[][] {
  return centers.map((c) => c.slice());
}

function matrixRows(m: Matrix): number[][] {
  return toRows(m);
}

/** Round settings for a row whose single run is long (a slow peer on the large workload). */
type SlowRow = Pick<Contender, 'rounds' | 'warmup' | 'memory'>;

function mixkitContender(
  X: Matrix,
  centers: Matrix,
  algorithm: KMeansAlgorithm,
  slow: SlowRow = {},
  workers = 0,
): Contender {
  let pool: WorkerPool | undefined;
  return {
    ...slow,
    id: workers === 0 ? `mixkit/${algorithm}` : `mixkit/${algorithm}/workers-${workers}`,
    library: 'mixkit',
    variant:
      workers === 0
        ? `KMeans ${algorithm}`
        : `KMeans ${algorithm}, fitAsync on ${workers} worker${workers > 1 ? 's' : ''}`,
    threads: Math.max(1, workers),
    ...(workers === 0
      ? {}
      : {
          prepare: async () => {
            pool = await benchPool(workers);
          },
        }),
    run: async () => {
      const model = new KMeans({
        nClusters: centers.rows,
        init: centers,
        algorithm,
        maxIterations: KMEANS_ITERATIONS,
        tolerance: 0,
      });
      const watch = startStopwatch();
      const fitted =
        pool === undefined ? model.fit(X) : await model.fitAsync(X, { executor: pool });
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: Math.max(1, fitted.iterations),
        result: matrixRows(fitted.centers),
        details: {
          iterations: fitted.iterations,
          algorithm: fitted.algorithm,
          distanceComputations: fitted.distanceComputations,
          inertia: fitted.inertia,
          emptyClusterEvents: fitted.diagnostics.warnings.filter(
            (w) => w.kind === 'empty-component',
          ).length,
        },
      };
    },
  };
}

function mlKmeansContender(X: Matrix, centers: number[][], slow: SlowRow): Contender {
  let rows: number[][] | undefined;
  return {
    id: 'ml-kmeans',
    library: 'ml-kmeans',
    variant: 'kmeans() 7.0.1',
    threads: 1,
    // An empty cluster keeps its old center here; mixkit and scikit-learn move it to a far row.
    comparable: false,
    ...slow,
    prepare: () => {
      rows = toRows(X);
    },
    run: () => {
      const watch = startStopwatch();
      // tolerance −1: its convergence test (center shift ≤ tolerance) never passes, so it runs
      // exactly maxIterations steps, as every other contender does.
      const result = mlKmeans(rows!, centers.length, {
        initialization: copyCenters(centers),
        maxIterations: KMEANS_ITERATIONS,
        tolerance: -1,
      });
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: result.iterations,
        result: result.centroids,
        details: { iterations: result.iterations },
      };
    },
    release: () => {
      rows = undefined;
    },
  };
}

function skmeansContender(X: Matrix, centers: number[][], slow: SlowRow): Contender {
  let rows: number[][] | undefined;
  return {
    id: 'skmeans',
    library: 'skmeans',
    variant: 'skmeans() 0.11.3',
    threads: 1,
    // An empty cluster's center becomes the zero vector here; mixkit and scikit-learn move it.
    comparable: false,
    ...slow,
    prepare: () => {
      rows = toRows(X);
    },
    run: () => {
      // skmeans overwrites the entries of the initial-centers array it is given: a fresh copy.
      const initial = copyCenters(centers);
      const watch = startStopwatch();
      const result = skmeans(rows!, centers.length, initial, KMEANS_ITERATIONS);
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: result.it,
        result: result.centroids,
        details: { iterations: result.it },
      };
    },
    release: () => {
      rows = undefined;
    },
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

/** On the small workload: workers must never make a fit slower (one shard runs in the thread). */
function smallTargets(rows: readonly ContenderResult[]): TargetCheck[] {
  const r = ratio(rows, 'mixkit/auto/workers-2', 'mixkit/auto');
  return [
    {
      description: 'mixkit on 2 workers no slower than in the thread (automatic threshold)',
      // 10% for timing noise between two runs of the same code path.
      met: r === undefined ? null : r <= 1.1,
      detail:
        r === undefined ? 'a contender did not run' : `2 workers = ${r.toFixed(2)}x in-thread`,
    },
  ];
}

/** Issue 17's targets for the rows on worker threads. */
function workerTargets(rows: readonly ContenderResult[]): TargetCheck[] {
  const best = ['scikit-learn/lloyd/2t', 'scikit-learn/elkan/2t']
    .map((id) => rows.find((r) => r.id === id && r.status === 'ok'))
    .filter((r) => r?.perIteration !== undefined)
    .sort((a, b) => a!.perIteration!.median - b!.perIteration!.median)[0];
  const two = rows.find((r) => r.id === 'mixkit/auto/workers-2' && r.status === 'ok');
  const scaling = ratio(rows, 'mixkit/auto/workers-1', 'mixkit/auto/workers-2');
  const r =
    best?.perIteration && two?.perIteration
      ? two.perIteration.median / best.perIteration.median
      : undefined;
  return [
    {
      description:
        "mixkit on 2 workers at most 0.8x scikit-learn's best on 2 threads (Lloyd or Elkan)",
      met: r === undefined ? null : r <= 0.8,
      detail:
        r === undefined
          ? 'a contender did not run'
          : `mixkit (2 workers) = ${r.toFixed(2)}x ${best!.id}${cpuRatioNote(two, best)}`,
    },
    {
      description: 'speed-up from 1 to 2 workers at least 1.7x',
      met: scaling === undefined ? null : scaling >= 1.7,
      detail: scaling === undefined ? 'a contender did not run' : `${scaling.toFixed(2)}x`,
    },
  ];
}

function kmeansTargets(rows: readonly ContenderResult[]): TargetCheck[] {
  const vsSklearn = ratio(rows, 'mixkit/auto', 'scikit-learn/lloyd/1t');
  const vsMl = ratio(rows, 'ml-kmeans', 'mixkit/auto');
  const row = (id: string) => rows.find((r) => r.id === id && r.status === 'ok');
  return [
    {
      description: 'mixkit (auto) no slower than scikit-learn Lloyd, 1 thread',
      met: vsSklearn === undefined ? null : vsSklearn <= 1,
      detail:
        vsSklearn === undefined
          ? 'a contender did not run'
          : `mixkit time = ${vsSklearn.toFixed(2)}x scikit-learn's${cpuRatioNote(row('mixkit/auto'), row('scikit-learn/lloyd/1t'))}`,
    },
    {
      description: 'mixkit (auto) at least 10x faster than ml-kmeans',
      met: vsMl === undefined ? null : vsMl >= 10,
      detail:
        vsMl === undefined
          ? 'a contender did not run'
          : `${vsMl.toFixed(2)}x${cpuRatioNote(row('ml-kmeans'), row('mixkit/auto'))}`,
    },
  ];
}

function kmeansCase(name: WorkloadName, ctx: BenchContext, slow?: SlowRow): BenchCase {
  const { header, X, init } = loadWorkload(name, ctx.size, ctx.cacheDir, ctx.log);
  const k = init.centers.length;
  const centers: Matrix = { rows: k, cols: X.cols, data: Float64Array.from(init.centers.flat()) };
  const contenders: Contender[] = [
    // Plain Lloyd is mixkit's slowest variant and no target depends on it: the slow-peer rounds.
    mixkitContender(X, centers, 'lloyd', slow && { rounds: slow.rounds, warmup: 0 }),
    ...(['hamerly', 'elkan', 'yinyang', 'auto'] as const).map((a) =>
      mixkitContender(X, centers, a),
    ),
    // The same fit on worker threads (issue 17): the assignment over shards of rows.
    mixkitContender(X, centers, 'auto', {}, 1),
    mixkitContender(X, centers, 'auto', {}, 2),
    mlKmeansContender(X, init.centers, slow ?? {}),
    skmeansContender(X, init.centers, slow ?? {}),
    ...(ctx.size === 'tiny' ? [1] : [1, 2]).flatMap((threads) =>
      (['lloyd', 'elkan'] as const).map((algorithm) => {
        const row = sklearnKMeans(ctx, header, algorithm, threads, KMEANS_ITERATIONS);
        // The 2-thread rows are context for the single-thread targets: on the long case they
        // share the slow peers' single round and skip the (thread-independent) memory run.
        return threads > 1 && slow !== undefined ? { ...row, ...slow } : row;
      }),
    ),
  ];
  return {
    id: `kmeans/${name}`,
    title: `k-means, ${KMEANS_ITERATIONS} iterations from shared centers: ${X.rows} x ${X.cols}, k=${k}`,
    reference: 'mixkit/auto',
    workload: { name, rows: X.rows, cols: X.cols, k },
    objectiveLabel: 'inertia of the final centers (harness formula)',
    contenders,
    evaluate: (result) => inertia(X, result as number[][]),
    targets:
      name === 'kmeans-large'
        ? (rows) => [...kmeansTargets(rows), ...workerTargets(rows)]
        : smallTargets,
    notes: [
      'time per iteration = fit time / iterations run; skmeans and scikit-learn stop early only if the labels stop changing',
      'ml-kmeans and skmeans get number[][] input, converted untimed; scikit-learn also runs one final labelling pass inside fit',
      'inertia can differ only when a cluster empties: mixkit and scikit-learn move an empty center to a far row, ml-kmeans keeps it, skmeans zeroes it',
      ...(slow === undefined
        ? []
        : [
            `mixkit lloyd, ml-kmeans, skmeans and the 2-thread scikit-learn rows: ${slow.rounds} timed round(s), no warm-up${slow.memory === false ? '; ml-kmeans, skmeans and the 2-thread rows get no memory run (each run takes minutes)' : ''}`,
          ]),
    ],
  };
}

/** k-means suite: mixkit's four algorithms against ml-kmeans, skmeans and scikit-learn. */
export const kmeansSuite: Suite = {
  name: 'kmeans',
  description: 'k-means against ml-kmeans, skmeans and scikit-learn KMeans',
  caseIds: () => ['kmeans/blobs-small', 'kmeans/kmeans-large'],
  buildCase: async (id, ctx) => {
    if (id === 'kmeans/blobs-small') return kmeansCase('blobs-small', ctx);
    if (id === 'kmeans/kmeans-large') {
      // 1,000,000 x 32 with k = 64: every run is long, so full size uses 2 rounds, no warm-up.
      const full = ctx.size === 'full';
      // The slowest rows get one round everywhere but tiny (the small run must stay short).
      const slow: SlowRow | undefined =
        ctx.size === 'tiny'
          ? undefined
          : { rounds: 1, warmup: 0, ...(full ? { memory: false } : {}) };
      return {
        ...kmeansCase('kmeans-large', ctx, slow),
        ...(full ? { rounds: 2, warmup: 0 } : {}),
      };
    }
    throw new Error(`unknown kmeans case ${id}`);
  },
};
