import { NOISE } from '@mixkit/core';
import { type ClusterSelection, condensedTree, selectClusters } from '@mixkit/density';
import type { CondensedTreeLayout } from './methodProtocol.js';

/** Clusters of the condensed tree drawn at most (the largest; a parent is larger than its children). */
export const MAX_DRAWN_CLUSTERS = 200;
/** Steps of each cluster's width profile at most. */
const PROFILE_STEPS = 24;

/** What of a fitted HDBSCAN model the layout reads. */
export interface HdbscanTreeSource {
  /** Its single-linkage tree of mutual reachability, SciPy's layout. */
  readonly linkage: Float64Array;
  readonly minPts: number;
  readonly clusterSelection: ClusterSelection;
  readonly labels: Int32Array;
  readonly clusterStabilities: Float64Array;
}

/**
 * HDBSCAN's condensed tree as an icicle plot (McInnes et al.'s picture): the model's
 * single-linkage tree is condensed again with `condensedTree` of `@mixkit/density` (the model
 * keeps the tree, not its condensed form) and its clusters selected with `selectClusters`, as the
 * fit did. Each cluster is drawn from its birth λ to its death λ (λ = 1 / distance), as wide as
 * the rows still in it: rows fall out one by one (the shape narrows), and at a split the rest goes
 * to the two children, which hang inside the parent's span. A selected cluster takes the label
 * the model gave its rows, so it is painted like them.
 */
export function condensedTreeLayout(
  model: HdbscanTreeSource,
  maxClusters = MAX_DRAWN_CLUSTERS,
): CondensedTreeLayout {
  const n = model.labels.length;
  const m = Math.max(0, n - 1);
  const merge = new Int32Array(2 * m);
  const height = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const a = model.linkage[4 * k] as number;
    const b = model.linkage[4 * k + 1] as number;
    merge[2 * k] = a < n ? -(a + 1) : a - n + 1;
    merge[2 * k + 1] = b < n ? -(b + 1) : b - n + 1;
    height[k] = model.linkage[4 * k + 2] as number;
  }
  const tree = condensedTree(n, merge, height, model.minPts);
  const count = tree.clusterCount;
  const parentOf = new Int32Array(count).fill(-1);
  for (let c = 0; c < count; c++) {
    if ((tree.left[c] as number) >= 0) {
      parentOf[tree.left[c] as number] = c;
      parentOf[tree.right[c] as number] = c;
    }
  }
  // Rows in each cluster at its birth: those leaving from it or from a cluster below it.
  const direct = new Int32Array(count);
  for (let p = 0; p < n; p++) direct[tree.rowCluster[p] as number]++;
  const size = Int32Array.from(direct);
  for (let c = count - 1; c > 0; c--) {
    size[parentOf[c] as number] = (size[parentOf[c] as number] as number) + (size[c] as number);
  }

  // The label of each selected cluster: the model's label of its rows.
  const selected = selectClusters(tree, model.clusterSelection);
  const owner = new Int32Array(count).fill(-1);
  for (const c of selected) owner[c] = c;
  for (let c = 1; c < count; c++) {
    const p = parentOf[c] as number;
    if (p >= 0 && (owner[p] as number) >= 0) owner[c] = owner[p] as number;
  }
  const labelOf = new Int32Array(count).fill(-1);
  for (let p = 0; p < n; p++) {
    const s = owner[tree.rowCluster[p] as number] as number;
    const label = model.labels[p] as number;
    if (s >= 0 && label !== NOISE && labelOf[s] === -1) labelOf[s] = label;
  }

  // The largest clusters (children have higher ids and fewer rows: the kept set is a subtree).
  const kept = Array.from({ length: count }, (_, c) => c)
    .sort((x, y) => (size[y] as number) - (size[x] as number) || x - y)
    .slice(0, maxClusters)
    .sort((x, y) => x - y);
  const index = new Int32Array(count).fill(-1);
  kept.forEach((c, i) => {
    index[c] = i;
  });

  const lambda = (eps: number) => (eps > 0 ? 1 / eps : Number.POSITIVE_INFINITY);
  const birthLambda = Float64Array.from(kept, (c) => lambda(tree.birth[c] as number));
  const deathLambda = Float64Array.from(kept, (c) => {
    // The root's stored death is R's placeholder 0: it dies where its children are born.
    if (c === 0 && (tree.left[0] as number) >= 0)
      return lambda(tree.birth[tree.left[0] as number] as number);
    return lambda(tree.death[c] as number);
  });

  // Each kept cluster's rows leaving it directly, by the λ at which they leave.
  const leaving: number[][] = kept.map(() => []);
  for (let p = 0; p < n; p++) {
    const i = index[tree.rowCluster[p] as number] as number;
    if (i >= 0) leaving[i]?.push(lambda(tree.rowEps[p] as number));
  }
  const profileStart = new Int32Array(kept.length + 1);
  const lambdas: number[] = [];
  const widths: number[] = [];
  kept.forEach((c, i) => {
    const out = (leaving[i] ?? []).sort((x, y) => x - y);
    const total = size[c] as number;
    const birth = birthLambda[i] as number;
    const death = deathLambda[i] as number;
    lambdas.push(birth);
    widths.push(total);
    const steps = Math.min(PROFILE_STEPS, out.length);
    for (let s = 1; s <= steps; s++) {
      const left = Math.floor((s * out.length) / steps);
      const at = Math.min(death, Math.max(birth, out[left - 1] as number));
      lambdas.push(at);
      widths.push(total - left);
    }
    lambdas.push(death);
    widths.push(total - out.length);
    profileStart[i + 1] = lambdas.length;
  });

  // Horizontal spans: the root spans all rows; children sit side by side, centred in the parent.
  const start = new Float64Array(count);
  const center = new Float64Array(kept.length);
  for (const c of kept) {
    const l = tree.left[c] as number;
    const r = tree.right[c] as number;
    if (l >= 0) {
      const offset = ((size[c] as number) - (size[l] as number) - (size[r] as number)) / 2;
      start[l] = (start[c] as number) + offset;
      start[r] = (start[l] as number) + (size[l] as number);
    }
    center[index[c] as number] = (start[c] as number) + (size[c] as number) / 2;
  }

  let maxLambda = 0;
  for (const value of [...birthLambda, ...lambdas]) {
    if (Number.isFinite(value) && value > maxLambda) maxLambda = value;
  }
  maxLambda = maxLambda > 0 ? maxLambda * 1.05 : 1;
  const clamp = (value: number) => Math.min(value, maxLambda);
  return {
    clusters: kept.length,
    totalClusters: count,
    center,
    birthLambda: birthLambda.map(clamp),
    deathLambda: deathLambda.map(clamp),
    label: Int32Array.from(kept, (c) => labelOf[c] as number),
    stability: Float64Array.from(kept, (c) => tree.stability[c] as number),
    parent: Int32Array.from(kept, (c) => {
      const p = parentOf[c] as number;
      return p >= 0 ? (index[p] as number) : -1;
    }),
    profileStart,
    profileLambda: Float64Array.from(lambdas, clamp),
    profileWidth: Float64Array.from(widths),
    rows: n,
    maxLambda,
  };
}
