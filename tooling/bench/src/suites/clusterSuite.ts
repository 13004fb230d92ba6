import { adjustedRandIndex } from '@mixkit/metrics';
import type {
  BenchCase,
  BenchContext,
  Contender,
  ContenderResult,
  Suite,
  TargetCheck,
} from '../harness/types.js';
import { loadWorkload } from '../workloads/workloadCache.js';
import type { WorkloadName } from '../workloads/workloadSpecs.js';
import {
  type DensityParams,
  densityClusteringDbscan,
  densityClusteringOptics,
  hdbscanTs,
  jsPeer,
  mixkitDbscan,
  mixkitHdbscan,
  mixkitOptics,
  mixkitRow,
  mixkitWard,
  mlHclustWard,
  rLabels,
  type SlowPeer,
  sklearnLabels,
} from './clusterContenders.js';
import { atLeastFaster, noSlowerThan } from './clusterTargets.js';

type Algorithm = 'dbscan' | 'optics' | 'hdbscan' | 'ward';
type Dims = '2d' | '10d';

/** Per dimension: eps and minPts for DBSCAN, the OPTICS radius and its extraction radius. */
const PARAMS: Record<Dims, DensityParams> = {
  '2d': { eps: 0.3, minPts: 10, epsCluster: 0.3 },
  '10d': { eps: 3, minPts: 10, epsCluster: 3 },
};
const OPTICS_EPS: Record<Dims, number> = { '2d': 1, '10d': 4 };

/** Time limits of the JS peers that may not finish (child processes); none in the smoke test. */
function slowPeer(ctx: BenchContext): SlowPeer {
  if (ctx.size === 'tiny') return { timeoutSeconds: undefined };
  return { timeoutSeconds: ctx.size === 'full' ? 300 : 60 };
}

const ALGORITHMS: readonly Algorithm[] = ['dbscan', 'optics', 'hdbscan', 'ward'];
const DIMS: readonly Dims[] = ['2d', '10d'];

function buildClusterCase(algorithm: Algorithm, dims: Dims, ctx: BenchContext): BenchCase {
  const id = `cluster/${algorithm}-${dims}`;
  const name: WorkloadName = dims === '2d' ? 'noisy-2d' : 'noisy-10d';
  const { header, X } = loadWorkload(name, ctx.size, ctx.cacheDir, ctx.log);
  const p = { ...PARAMS[dims], ...(algorithm === 'optics' ? { eps: OPTICS_EPS[dims] } : {}) };
  let reference: Int32Array | undefined;
  const keep = (labels: Int32Array) => {
    reference = labels;
  };
  const slow = slowPeer(ctx);
  const contenders: Contender[] = [];
  let title = '';
  let targets: (rows: readonly ContenderResult[]) => TargetCheck[];
  const notes: string[] = [
    'one fit per run (time per iteration = time per fit); the objective column is the adjusted Rand index of each row’s labels against mixkit’s (noise counted as one more label)',
  ];
  if (algorithm === 'dbscan') {
    title = `DBSCAN, eps=${p.eps}, minPts=${p.minPts}: ${X.rows} x ${X.cols}`;
    contenders.push(
      mixkitRow('mixkit', 'Dbscan (KD-tree)', mixkitDbscan(X, p), keep),
      jsPeer(
        ctx,
        id,
        X,
        { id: 'density-clustering', library: 'density-clustering', variant: 'DBSCAN 1.3.0' },
        densityClusteringDbscan(X.rows, p),
        slow,
      ),
      sklearnLabels(
        ctx,
        header,
        { id: 'scikit-learn', variant: 'DBSCAN (KD-tree), 1 thread' },
        { op: 'dbscan', eps: p.eps, min_samples: p.minPts },
      ),
      rLabels(
        ctx,
        header,
        { id: 'R', variant: 'dbscan::dbscan (kd-tree)' },
        { op: 'dbscan', eps: p.eps, minPts: p.minPts },
      ),
    );
    targets = (rows) => [
      noSlowerThan(rows, 'mixkit', 'scikit-learn', 'scikit-learn'),
      atLeastFaster(rows, 'mixkit', 'density-clustering', 'density-clustering'),
    ];
    notes.push(
      'density-clustering counts a row’s neighbours without the row itself, so its clusters differ slightly',
    );
  } else if (algorithm === 'optics') {
    title = `OPTICS, eps=${p.eps}, minPts=${p.minPts}, DBSCAN extraction at ${p.epsCluster}: ${X.rows} x ${X.cols}`;
    contenders.push(
      mixkitRow('mixkit', 'Optics + extractDbscan', mixkitOptics(X, p), keep),
      jsPeer(
        ctx,
        id,
        X,
        { id: 'density-clustering', library: 'density-clustering', variant: 'OPTICS 1.3.0' },
        densityClusteringOptics(X.rows, p),
        slow,
      ),
      rLabels(
        ctx,
        header,
        { id: 'R', variant: 'dbscan::optics + extractDBSCAN' },
        { op: 'optics', eps: p.eps, minPts: p.minPts, epsCluster: p.epsCluster },
      ),
    );
    targets = (rows) => [
      noSlowerThan(rows, 'mixkit', 'R', 'R dbscan'),
      atLeastFaster(rows, 'mixkit', 'density-clustering', 'density-clustering'),
    ];
    notes.push(
      'density-clustering’s OPTICS returns its own flat clustering at eps, not the extraction at epsCluster',
    );
  } else if (algorithm === 'hdbscan') {
    title = `HDBSCAN, minPts=${p.minPts}: ${X.rows} x ${X.cols}`;
    contenders.push(
      mixkitRow('mixkit', 'Hdbscan (EOM)', mixkitHdbscan(X, p), keep),
      jsPeer(
        ctx,
        id,
        X,
        { id: 'hdbscan-ts', library: 'hdbscan-ts', variant: 'HDBSCAN 1.0.17' },
        hdbscanTs(p),
        slow,
      ),
      rLabels(
        ctx,
        header,
        { id: 'R', variant: 'dbscan::hdbscan' },
        { op: 'hdbscan', minPts: p.minPts },
      ),
    );
    targets = (rows) => [
      noSlowerThan(rows, 'mixkit', 'R', 'R dbscan'),
      atLeastFaster(rows, 'mixkit', 'hdbscan-ts', 'hdbscan-ts'),
    ];
    notes.push(
      'R dbscan builds the n x n distance and mutual reachability matrices; mixkit holds O(n) beyond the data and its KD-tree',
    );
  } else {
    const k = 8;
    title = `Ward linkage, cut at ${k} clusters: ${X.rows} x ${X.cols}`;
    const condensedMiB = (((X.rows * (X.rows - 1)) / 2) * 8) / 2 ** 20;
    contenders.push(
      mixkitRow('mixkit', 'AgglomerativeClustering ward (auto)', mixkitWard(X, k, 'auto'), keep),
      // Both Ward strategies side by side where the condensed matrix is small; at full size
      // (20,000 rows, a 1.5 GiB matrix) auto already is the centroid chain and the
      // Lance–Williams row would only repeat SciPy's algorithm at minutes a run.
      ...(ctx.size === 'full'
        ? []
        : [
            mixkitRow(
              'mixkit/centroids',
              'ward, centroid chain',
              mixkitWard(X, k, 'centroids'),
              () => {},
            ),
            mixkitRow(
              'mixkit/lance-williams',
              'ward, Lance–Williams on the condensed matrix',
              mixkitWard(X, k, 'lance-williams'),
              () => {},
            ),
          ]),
      jsPeer(
        ctx,
        id,
        X,
        { id: 'ml-hclust', library: 'ml-hclust', variant: 'agnes ward 4.0.0 (tree only)' },
        mlHclustWard(),
        slow,
      ),
      sklearnLabels(
        ctx,
        header,
        { id: 'scikit-learn', variant: 'AgglomerativeClustering ward, 1 thread' },
        { op: 'ward', n_clusters: k },
      ),
    );
    targets = (rows) => [
      noSlowerThan(rows, 'mixkit', 'scikit-learn', 'scikit-learn'),
      atLeastFaster(rows, 'mixkit', 'ml-hclust', 'ml-hclust'),
    ];
    notes.push(
      `Ward memory: the centroid chain holds n·d doubles of centroids and O(n) bookkeeping; the Lance–Williams chain (SciPy’s algorithm, what scikit-learn runs) holds the condensed matrix, n(n−1)/2 doubles = ${condensedMiB.toFixed(0)} MiB here; auto picks Lance–Williams up to 1 GiB (n ≤ 16,384)`,
    );
  }
  if (slow.timeoutSeconds !== undefined) {
    notes.push(
      `the JS peers that may not finish run once in a child process stopped after ${slow.timeoutSeconds} s (a stopped run gives a lower bound on the ratio)`,
    );
  }
  return {
    id,
    title,
    reference: 'mixkit',
    workload: { name, rows: X.rows, cols: X.cols },
    objectiveLabel: 'ARI vs mixkit’s labels',
    contenders,
    evaluate: (result) =>
      reference === undefined || result === undefined
        ? undefined
        : adjustedRandIndex(reference, result as Int32Array),
    targets,
    notes,
    rounds: ctx.size === 'full' ? 3 : ctx.rounds,
  };
}

/** Density-based and hierarchical clustering against their JS, Python and R peers. */
export const clusterSuite: Suite = {
  name: 'cluster',
  description:
    'DBSCAN, OPTICS, HDBSCAN and Ward against density-clustering, hdbscan-ts, ml-hclust, scikit-learn and R dbscan',
  caseIds: () => ALGORITHMS.flatMap((a) => DIMS.map((d) => `cluster/${a}-${d}`)),
  buildCase: async (id, ctx) => {
    const match = /^cluster\/(dbscan|optics|hdbscan|ward)-(2d|10d)$/.exec(id);
    if (match === null) throw new Error(`unknown cluster case ${id}`);
    return buildClusterCase(match[1] as Algorithm, match[2] as Dims, ctx);
  },
};
