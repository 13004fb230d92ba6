/**
 * Single-linkage merges from a spanning path (edges in any order): edges stably sorted by
 * weight, then merged with a union-find. Two encodings of the same merges:
 * - `left`/`right`/`height` in R's `hclust` form (row p as −(p + 1), merge m as m + 1; the
 *   edge's first vertex on the left), which `condensedTree` reads;
 * - `linkage`, SciPy's (n − 1) x 4 layout [a, b, height, size] with cluster ids n + m for merge
 *   m and a < b.
 */
export function singleLinkageMerges(
  n: number,
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array,
): { left: Int32Array; right: Int32Array; height: Float64Array; linkage: Float64Array } {
  const m = Math.max(0, n - 1);
  const order = Array.from({ length: m }, (_, t) => t);
  // Array.prototype.sort is stable (ES2019), as R's order() is.
  order.sort((a, b) => weight[a] - weight[b]);
  const parent = new Int32Array(n);
  const label = new Int32Array(n); // R label of each union-find root
  const id = new Int32Array(n); // SciPy id of each root
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    parent[i] = i;
    label[i] = -(i + 1);
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
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const height = new Float64Array(m);
  const linkage = new Float64Array(m * 4);
  for (let k = 0; k < m; k++) {
    const e = order[k];
    const a = find(from[e]);
    const b = find(to[e]);
    left[k] = label[a];
    right[k] = label[b];
    height[k] = weight[e];
    linkage[4 * k] = Math.min(id[a], id[b]);
    linkage[4 * k + 1] = Math.max(id[a], id[b]);
    linkage[4 * k + 2] = weight[e];
    linkage[4 * k + 3] = size[a] + size[b];
    const root = size[a] >= size[b] ? a : b;
    const other = root === a ? b : a;
    parent[other] = root;
    size[root] += size[other];
    label[root] = k + 1;
    id[root] = n + k;
  }
  return { left, right, height, linkage };
}
