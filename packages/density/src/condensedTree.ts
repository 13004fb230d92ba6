/**
 * The HDBSCAN cluster tree, condensed with minimum cluster size `minPts`, computed top-down from
 * a single-linkage merge list exactly as R's `dbscan` (`computeStability`), in distance (eps)
 * rather than density (λ = 1/eps) units:
 * - a merge of two parts of at least `minPts` rows each is a split: the cluster dies at that
 *   height and two child clusters are born there;
 * - otherwise the larger structure keeps the cluster's id and rows leave it one by one: a row
 *   leaves at the height where it joins the tree as a single row, or at the cluster's death
 *   when the cluster has already split above it (R's convention, which differs from the Python
 *   `hdbscan` package, where all rows of a too-small part leave at the height it detaches);
 * - stability(C) = Σ_rows (1/eps_p − 1/birth) + |children rows| · (1/death − 1/birth).
 *
 * Cluster 0 is the root. Also computes GLOSH outlier scores (Campello et al. 2015):
 * 1 − eps_max / eps_p, with eps_max the least death height among the leaf clusters under the
 * row's cluster.
 */
export interface CondensedTree {
  /** Number of clusters in the condensed tree, the root (id 0) included. */
  readonly clusterCount: number;
  /** Birth and death heights, stability, and children (-1: a leaf) per cluster id. */
  readonly birth: Float64Array;
  /** Height at which each cluster dies (splits or loses its last rows). */
  readonly death: Float64Array;
  /** Stability of each cluster (R's formula, in 1/eps units). */
  readonly stability: Float64Array;
  /** Left child of each cluster (-1 for a leaf). */
  readonly left: Int32Array;
  /** Right child of each cluster (-1 for a leaf). */
  readonly right: Int32Array;
  /** The cluster each row leaves from, and the height at which it leaves. */
  readonly rowCluster: Int32Array;
  /** Height at which each row leaves its cluster. */
  readonly rowEps: Float64Array;
  /** GLOSH outlier score of every training row, in [0, 1] (higher: more outlying). */
  readonly outlierScores: Float64Array;
}

/**
 * `merge` ((n − 1) x 2, row-major) encodes merge k's parts as R's `hclust$merge`: row p as
 * −(p + 1), merge m as m + 1; `height` is nondecreasing (`linkageFromMerges` gives both).
 */
export function condensedTree(
  n: number,
  /** R's `hclust$merge` encoding, (n − 1) x 2 row-major. */
  merge: Int32Array,
  /** Merge heights. */
  height: Float64Array,
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  minPts: number,
): CondensedTree {
  const merges = n - 1;
  const sizes = new Int32Array(merges);
  for (let k = 0; k < merges; k++) {
    const l = merge[2 * k];
    const r = merge[2 * k + 1];
    sizes[k] = (l < 0 ? 1 : sizes[l - 1]) + (r < 0 ? 1 : sizes[r - 1]);
  }
  const capacity = 2 * Math.floor(n / Math.max(1, minPts)) + 3;
  const birth = new Float64Array(capacity);
  const death = new Float64Array(capacity);
  const processed = new Uint8Array(capacity);
  const nChildren = new Float64Array(capacity);
  const stabilitySum = new Float64Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const tracker = new Int32Array(merges);
  const rowCluster = new Int32Array(n);
  const rowEps = new Float64Array(n);
  birth[0] = merges > 0 ? height[merges - 1] : 0;
  death[0] = 0; // R's map default for the root
  let clusters = 1;
  const leave = (row: number, cid: number, eps: number) => {
    rowCluster[row] = cid;
    rowEps[row] = eps;
    stabilitySum[cid] += 1 / eps - 1 / birth[cid];
  };
  for (let k = merges - 1; k >= 0; k--) {
    const l = merge[2 * k];
    const r = merge[2 * k + 1];
    const cid = tracker[k];
    const h = height[k];
    if (l < 0 && r < 0) {
      const eps = processed[cid] === 1 ? death[cid] : h;
      leave(-l - 1, cid, eps);
      leave(-r - 1, cid, eps);
      if (processed[cid] === 0 && h < death[cid]) death[cid] = h;
    } else if (l < 0 || r < 0) {
      leave(l < 0 ? -l - 1 : -r - 1, cid, processed[cid] === 1 ? death[cid] : h);
      tracker[(l < 0 ? r : l) - 1] = cid;
    } else if (sizes[l - 1] >= minPts && sizes[r - 1] >= minPts) {
      death[cid] = h;
      processed[cid] = 1;
      const a = clusters++;
      const b = clusters++;
      left[cid] = a;
      right[cid] = b;
      tracker[l - 1] = a;
      tracker[r - 1] = b;
      birth[a] = h;
      birth[b] = h;
      death[a] = height[l - 1];
      death[b] = height[r - 1];
      nChildren[cid] = sizes[l - 1] + sizes[r - 1];
    } else {
      tracker[l - 1] = cid;
      tracker[r - 1] = cid;
    }
  }
  const stability = new Float64Array(clusters);
  for (let c = 0; c < clusters; c++) {
    const nc = nChildren[c];
    stability[c] = stabilitySum[c] + ((nc * 1) / death[c] - (nc * 1) / birth[c]);
  }
  // Least death among the leaves under each cluster: children have higher ids, so one
  // descending pass sees every child before its parent.
  const leafDeath = new Float64Array(clusters);
  for (let c = clusters - 1; c >= 0; c--) {
    leafDeath[c] = left[c] < 0 ? death[c] : Math.min(leafDeath[left[c]], leafDeath[right[c]]);
  }
  const outlierScores = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const score = 1 - leafDeath[rowCluster[p]] / rowEps[p];
    outlierScores[p] = Number.isFinite(score) ? score : 0; // 0/0 (duplicates): R also gives 0
  }
  return {
    clusterCount: clusters,
    birth: birth.slice(0, clusters),
    death: death.slice(0, clusters),
    stability,
    left: left.slice(0, clusters),
    right: right.slice(0, clusters),
    rowCluster,
    rowEps,
    outlierScores,
  };
}
