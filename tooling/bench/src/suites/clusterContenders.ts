import type { Matrix } from '@mixkit/core';
import { Dbscan, Hdbscan, Optics } from '@mixkit/density';
import { AgglomerativeClustering, type WardStrategy } from '@mixkit/hierarchical';
import densityClustering from 'density-clustering';
import { HDBSCAN as TsHdbscan } from 'hdbscan-ts';
import { agnes } from 'ml-hclust';
import { builtCli, runInChild } from '../harness/childRun.js';
import { startStopwatch } from '../harness/stopwatch.js';
import type { BenchContext, Contender, RunSample } from '../harness/types.js';
import type { WorkloadHeader } from '../workloads/workloadCache.js';

/** The parameters one density case runs every contender with. */
export interface DensityParams {
  readonly eps: number;
  readonly minPts: number;
  /** OPTICS: the radius of the flat clustering extracted from the ordering. */
  readonly epsCluster: number;
}

/** A mixkit fit, timed, whose labels become the case's reference (ARI 1 by definition). */
export function mixkitRow(
  id: string,
  variant: string,
  fit: () => Int32Array,
  onLabels: (labels: Int32Array) => void,
): Contender {
  return {
    id,
    library: 'mixkit',
    variant,
    threads: 1,
    run: () => {
      const watch = startStopwatch();
      const labels = fit();
      const { seconds, cpuSeconds } = watch.stop();
      onLabels(labels);
      return {
        seconds,
        cpuSeconds,
        iterations: 1,
        result: labels,
        details: clusterDetails(labels),
      };
    },
  };
}

export function mixkitDbscan(X: Matrix, p: DensityParams) {
  return () => new Dbscan({ eps: p.eps, minPts: p.minPts }).fit(X).labels;
}
export function mixkitOptics(X: Matrix, p: DensityParams) {
  return () => new Optics({ eps: p.eps, minPts: p.minPts, epsCluster: p.epsCluster }).fit(X).labels;
}
export function mixkitHdbscan(X: Matrix, p: DensityParams) {
  return () => new Hdbscan({ minPts: p.minPts }).fit(X).labels;
}
export function mixkitWard(X: Matrix, k: number, wardStrategy: WardStrategy) {
  return () =>
    new AgglomerativeClustering({ linkage: 'ward', nClusters: k, wardStrategy }).fit(X).labels;
}

/** Number of clusters and noise rows, for a row's details. */
function clusterDetails(labels: ArrayLike<number>): Record<string, number> {
  let noise = 0;
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l < 0) noise++;
    else if (l > max) max = l;
  }
  return { clusters: max + 1, noise };
}

function toRows(X: Matrix): number[][] {
  const rows: number[][] = new Array(X.rows);
  for (let i = 0; i < X.rows; i++)
    rows[i] = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
  return rows;
}

/** Labels (noise -1) from density-clustering's lists of cluster members. */
function labelsFromLists(n: number, clusters: number[][]): Int32Array {
  const labels = new Int32Array(n).fill(-1);
  clusters.forEach((members, c) => {
    for (const i of members) labels[i] = c;
  });
  return labels;
}

/** Settings for a JS peer too slow to repeat or even to finish at full size. */
export interface SlowPeer {
  /** Run it in a child process stopped after this many seconds (undefined: in process). */
  readonly timeoutSeconds: number | undefined;
}

/**
 * A JavaScript peer taking `number[][]` rows. In a child run (or when `slow.timeoutSeconds` is
 * undefined) it runs here; otherwise the parent's row runs it in a child process with a time
 * limit, once, without warm-up or memory run.
 */
export function jsPeer(
  ctx: BenchContext,
  caseId: string,
  X: Matrix,
  base: Pick<Contender, 'id' | 'library' | 'variant'>,
  fit: (rows: number[][]) => Int32Array | undefined,
  slow: SlowPeer,
): Contender {
  // Each JS peer implements its own variant (density-clustering counts neighbours without the row
  // itself; hdbscan-ts selects clusters its own way; ml-hclust returns only the tree), so its
  // labels are not expected to match mixkit's.
  const differs = { comparable: false };
  const cli = builtCli();
  if (!ctx.inChild && slow.timeoutSeconds !== undefined && cli !== undefined) {
    const timeout = slow.timeoutSeconds;
    return {
      ...base,
      ...differs,
      threads: 1,
      rounds: 1,
      warmup: 0,
      memory: false,
      run: () => runInChild(cli, caseId, base.id, ctx.size, ctx.cacheDir, timeout),
    };
  }
  let rows: number[][] | undefined;
  return {
    ...base,
    ...differs,
    threads: 1,
    prepare: () => {
      rows = toRows(X);
    },
    run: (): RunSample => {
      const watch = startStopwatch();
      const labels = fit(rows as number[][]);
      const { seconds, cpuSeconds } = watch.stop();
      return {
        seconds,
        cpuSeconds,
        iterations: 1,
        ...(labels === undefined ? {} : { result: labels, details: clusterDetails(labels) }),
      };
    },
    release: () => {
      rows = undefined;
    },
  };
}

export const densityClusteringDbscan = (n: number, p: DensityParams) => (rows: number[][]) =>
  labelsFromLists(n, new densityClustering.DBSCAN().run(rows, p.eps, p.minPts));
export const densityClusteringOptics = (n: number, p: DensityParams) => (rows: number[][]) =>
  labelsFromLists(n, new densityClustering.OPTICS().run(rows, p.eps, p.minPts));
export const hdbscanTs = (p: DensityParams) => (rows: number[][]) =>
  Int32Array.from(new TsHdbscan({ minClusterSize: p.minPts, minSamples: p.minPts }).fit(rows));
/** ml-hclust builds the tree only (its cut is a separate call, not timed here). */
export const mlHclustWard = () => (rows: number[][]) => {
  agnes(rows, { method: 'ward' });
  return undefined;
};

export const unavailable = (
  reason: string,
  base: Pick<Contender, 'id' | 'library' | 'variant'>,
): Contender => ({
  ...base,
  threads: 1,
  unavailable: reason,
  run: () => {
    throw new Error('an unavailable contender was run');
  },
});

/** A scikit-learn job returning labels (`dbscan`, `ward` ops of python/sklearn_bench.py). */
export function sklearnLabels(
  ctx: BenchContext,
  header: WorkloadHeader,
  base: Pick<Contender, 'id' | 'variant'>,
  job: Record<string, unknown>,
): Contender {
  const row = { ...base, library: 'scikit-learn' };
  const python = ctx.python;
  if (typeof python === 'string') return unavailable(python, row);
  const full = { ...job, data: header.dataFile, rows: header.rows, cols: header.cols };
  return {
    ...row,
    threads: 1,
    run: async () => {
      const answer = await python.request(full);
      const labels = Int32Array.from(answer.labels as number[]);
      return {
        seconds: answer.seconds as number,
        cpuSeconds: answer.cpu_seconds as number,
        iterations: 1,
        result: labels,
        details: clusterDetails(labels),
      };
    },
    measureMemory: async () => {
      const answer = await python.request({ ...full, memory: true });
      return {
        peakBytes: answer.peak_bytes as number,
        method: 'tracemalloc peak during one extra fit (numpy buffers are traced)',
      };
    },
  };
}

/** An R dbscan job (`r/r_bench.R`); no memory run (R's allocations are not traced). */
export function rLabels(
  ctx: BenchContext,
  header: WorkloadHeader,
  base: Pick<Contender, 'id' | 'variant'>,
  job: Record<string, unknown>,
): Contender {
  const row = { ...base, library: 'R dbscan' };
  const r = ctx.r;
  if (typeof r === 'string') return unavailable(r, row);
  const full = { ...job, data: header.dataFile, rows: header.rows, cols: header.cols };
  return {
    ...row,
    threads: 1,
    memory: false,
    run: async () => {
      const answer = await r.request(full);
      const labels = Int32Array.from(answer.labels as number[]);
      return {
        seconds: answer.seconds as number,
        cpuSeconds: answer.cpu_seconds as number,
        iterations: 1,
        result: labels,
        details: clusterDetails(labels),
      };
    },
  };
}
