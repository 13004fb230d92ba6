/**
 * A dendrogram in two standard encodings, built from a list of merges given as pairs of rows
 * (any row of each merged cluster) with their heights:
 * - `linkage`: SciPy's (n − 1) x 4 layout, row-major: [a, b, height, size] where a < b are
 *   cluster ids (rows 0..n−1, merge m creates id n + m);
 * - `merge`: R's `hclust$merge` ((n − 1) x 2, row-major): row p as −(p + 1), merge m as m + 1,
 *   the first given row's cluster on the left; with `height` in the same order.
 */
export interface Dendrogram {
  /** The dendrogram in SciPy's linkage layout, (n − 1) x 4 row-major: [a, b, height, size]. */
  readonly linkage: Float64Array;
  /** R's `hclust$merge` encoding, (n − 1) x 2 row-major. */
  readonly merge: Int32Array;
  /** Merge heights. */
  readonly height: Float64Array;
}

/**
 * Sorts merges stably by height (NumPy's mergesort in SciPy, R's `order`), then names the merged
 * clusters with a union-find, as SciPy's `label` and R's `hclustMergeOrder` do.
 */
export function linkageFromMerges(
  n: number,
  /** First cluster of each merge (a row index; the merged cluster lives on at the larger one). */
  a: Int32Array,
  /** Second cluster of each merge. */
  b: Int32Array,
  /** Merge heights. */
  height: Float64Array,
): Dendrogram {
  const m = Math.max(0, n - 1);
  const order = Array.from({ length: m }, (_, t) => t);
  order.sort((x, y) => height[x] - height[y]); // stable (ES2019)
  const parent = new Int32Array(n);
  const id = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    parent[i] = i;
    id[i] = i;
  }
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const linkage = new Float64Array(m * 4);
  const merge = new Int32Array(m * 2);
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const e = order[k];
    const ra = find(a[e]);
    const rb = find(b[e]);
    const ia = id[ra];
    const ib = id[rb];
    linkage[4 * k] = Math.min(ia, ib);
    linkage[4 * k + 1] = Math.max(ia, ib);
    linkage[4 * k + 2] = height[e];
    linkage[4 * k + 3] = size[ra] + size[rb];
    merge[2 * k] = ia < n ? -(ia + 1) : ia - n + 1;
    merge[2 * k + 1] = ib < n ? -(ib + 1) : ib - n + 1;
    sorted[k] = height[e];
    const root = size[ra] >= size[rb] ? ra : rb;
    const other = root === ra ? rb : ra;
    parent[other] = root;
    size[root] += size[other];
    id[root] = n + k;
  }
  return { linkage, merge, height: sorted };
}
