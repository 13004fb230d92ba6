import type { Matrix } from '@mixkit/core';
import { KMeans, type KMeansAlgorithm } from '@mixkit/kmeans';
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
): Contender {
  return {
    ...slow,
    id: `mixkit/${algorithm}`,
    library: 'mixkit',
    variant: `KMeans ${algorithm}`,
    threads: 1,
    run: () => {
      const model = new KMeans({
        nClusters: centers.rows,
        init: centers,
        algorithm,
        maxIterations: KMEANS_ITERATIONS,
        tolerance: 0,
      });
      const watch = startStopwatch();
      const fitted = model.fit(X);
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
    ...(['hamerly', 'elkan', 'auto'] as const).map((a) => mixkitContender(X, centers, a)),
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
    targets: name === 'kmeans-large' ? kmeansTargets : undefined,
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
