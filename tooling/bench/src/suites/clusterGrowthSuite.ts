import { AgglomerativeClustering } from '@mixkit/hierarchical';
import type { BenchCase, BenchContext, Contender, Suite } from '../harness/types.js';
import { loadWorkload } from '../workloads/workloadCache.js';
import type { WorkloadName } from '../workloads/workloadSpecs.js';
import { mixkitDbscan, mixkitHdbscan, mixkitOptics, mixkitRow } from './clusterContenders.js';

const CASES = ['2d-10k', '2d-30k', '2d-100k', '10d-10k', '10d-30k', '10d-100k'] as const;
type GrowthCase = (typeof CASES)[number];

/**
 * mixkit alone at 10,000, 30,000 and 100,000 rows (full size), in 2 and 10 dimensions, with the
 * cluster suite's parameters: how time and memory grow with n. One timed round; memory (peak RSS
 * in a fresh process) up to 30,000 rows.
 */
function growthCase(id: GrowthCase, ctx: BenchContext): BenchCase {
  const name = `noisy-${id}` as WorkloadName;
  const { X } = loadWorkload(name, ctx.size, ctx.cacheDir, ctx.log);
  const two = id.startsWith('2d');
  const p = { eps: two ? 0.3 : 3, minPts: 10, epsCluster: two ? 0.3 : 3 };
  const big = X.rows > 30_000;
  const row = (c: Contender): Contender => ({ ...c, ...(big ? { memory: false } : {}) });
  const ignore = () => {};
  const contenders = [
    row(mixkitRow('mixkit/dbscan', `Dbscan eps=${p.eps}`, mixkitDbscan(X, p), ignore)),
    row(
      mixkitRow(
        'mixkit/optics',
        `Optics eps=${two ? 1 : 4}`,
        mixkitOptics(X, { ...p, eps: two ? 1 : 4 }),
        ignore,
      ),
    ),
    row(mixkitRow('mixkit/hdbscan', 'Hdbscan', mixkitHdbscan(X, p), ignore)),
    row(
      mixkitRow(
        'mixkit/ward',
        'ward (auto)',
        () => new AgglomerativeClustering({ linkage: 'ward', nClusters: 8 }).fit(X).labels,
        ignore,
      ),
    ),
    row(
      mixkitRow(
        'mixkit/single',
        'single (Prim)',
        () => new AgglomerativeClustering({ linkage: 'single', nClusters: 8 }).fit(X).labels,
        ignore,
      ),
    ),
  ];
  return {
    id: `cluster-growth/${id}`,
    title: `mixkit clustering growth: ${X.rows} x ${X.cols}`,
    reference: 'mixkit/dbscan',
    workload: { name, rows: X.rows, cols: X.cols },
    contenders,
    rounds: 1,
    warmup: 0,
    notes: [
      'mixkit only, one timed round without warm-up; ratios are to DBSCAN in the same case',
      `minPts 10; DBSCAN eps ${p.eps}; OPTICS eps ${two ? 1 : 4} with extraction at ${p.eps}; Ward and single linkage cut at 8 clusters`,
      ...(big ? ['no memory run and no Ward row at this size (each run is long)'] : []),
    ],
  };
}

export const clusterGrowthSuite: Suite = {
  name: 'cluster-growth',
  description: 'mixkit DBSCAN, OPTICS, HDBSCAN, Ward and single linkage at 10k, 30k and 100k rows',
  caseIds: () => CASES.map((c) => `cluster-growth/${c}`),
  buildCase: async (id, ctx) => {
    const which = id.slice('cluster-growth/'.length) as GrowthCase;
    if (!CASES.includes(which)) throw new Error(`unknown growth case ${id}`);
    return growthCase(which, ctx);
  },
};
