import type { DendrogramLayout } from './methodProtocol.js';

/** Merges drawn at most: the top of the tree, where its cuts are (SciPy's `truncate_mode='lastp'`). */
export const MAX_DRAWN_MERGES = 63;

/**
 * The height of the line that cuts a SciPy-layout linkage of n rows into k clusters: halfway
 * between the last merge kept and the first one undone (above the root for k = 1).
 */
export function cutHeightForK(linkage: Float64Array, n: number, k: number): number {
  const m = n - 1;
  if (m <= 0) return 1;
  const height = (j: number) => linkage[4 * j + 2] as number;
  if (k <= 1) return height(m - 1) * 1.05 || 1;
  if (k > m) return height(0) / 2;
  return (height(m - k) + height(m - k + 1)) / 2;
}

/**
 * Lays out the top `maxMerges` merges of a SciPy-layout linkage ((n − 1) x 4: [a, b, height,
 * size], merge j creating cluster n + j) as a truncated dendrogram: its leaves are the clusters
 * just below those merges, in the tree's left-to-right order (a before b) at x = 0, 1, ...; a
 * merge sits at its height, midway between its children. Each segment takes the cluster of the
 * flat `labels` its rows share (-1, gray, where they span clusters: above the cut), so the
 * branches below the cut are painted like the points; a cluster's stem changes to gray where it
 * crosses the cut.
 */
export function dendrogramLayout(
  linkage: Float64Array,
  n: number,
  labels: Int32Array,
  cutHeight: number,
  maxMerges = MAX_DRAWN_MERGES,
): DendrogramLayout {
  const m = Math.max(0, n - 1);
  const drawn = Math.min(m, maxMerges);
  const first = m - drawn;
  const a = (j: number) => linkage[4 * j] as number;
  const b = (j: number) => linkage[4 * j + 1] as number;
  const height = (j: number) => linkage[4 * j + 2] as number;
  const isDrawnMerge = (id: number) => id >= n + first;

  // Leaves in the tree's order: a depth-first walk from the root, left (a) before right (b).
  const leafIndex = new Map<number, number>();
  const stack = [m > 0 ? n + m - 1 : 0];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (m > 0 && isDrawnMerge(id)) {
      stack.push(b(id - n), a(id - n));
    } else {
      leafIndex.set(id, leafIndex.size);
    }
  }
  const leaves = leafIndex.size;

  // Which leaf each row is under: replay the merges below the drawn ones (union-find).
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const idOf = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const rowOfId = new Map<number, number>();
  for (let i = 0; i < n; i++) rowOfId.set(i, i);
  for (let j = 0; j < first; j++) {
    const ra = find(rowOfId.get(a(j)) as number);
    const rb = find(rowOfId.get(b(j)) as number);
    parent[rb] = ra;
    idOf[ra] = n + j;
    rowOfId.set(n + j, ra);
    rowOfId.delete(a(j));
    rowOfId.delete(b(j));
  }
  const leafSizes = new Int32Array(leaves);
  const leafLabels = new Int32Array(leaves).fill(-2);
  for (let i = 0; i < n; i++) {
    const leaf = leafIndex.get(idOf[find(i)] as number);
    if (leaf === undefined) continue;
    leafSizes[leaf] = (leafSizes[leaf] as number) + 1;
    const label = labels[i] as number;
    const seen = leafLabels[leaf] as number;
    leafLabels[leaf] = seen === -2 || seen === label ? label : -1;
  }

  // Positions and labels of leaves, then of each drawn merge (children come first).
  const x = new Map<number, number>();
  const y = new Map<number, number>();
  const label = new Map<number, number>();
  for (const [id, index] of leafIndex) {
    x.set(id, index);
    y.set(id, 0);
    label.set(id, leafLabels[index] as number);
  }
  const segments: [number, number, number, number, number][] = [];
  for (let j = first; j < m; j++) {
    const h = height(j);
    const ids = [a(j), b(j)];
    const [xa, xb] = ids.map((id) => x.get(id) as number) as [number, number];
    const [la, lb] = ids.map((id) => label.get(id) as number) as [number, number];
    const joined = la === lb && la >= 0 ? la : -1;
    for (const id of ids) {
      const cx = x.get(id) as number;
      const cy = y.get(id) as number;
      const own = label.get(id) as number;
      if (joined === -1 && own >= 0 && h > cutHeight && cy < cutHeight) {
        // A cluster's stem rises in its color up to the cut, gray above it.
        segments.push([cx, cy, cx, cutHeight, own], [cx, cutHeight, cx, h, -1]);
      } else {
        segments.push([cx, cy, cx, h, joined === -1 && cy >= cutHeight ? -1 : own]);
      }
    }
    segments.push([xa, h, xb, h, joined]);
    x.set(n + j, (xa + xb) / 2);
    y.set(n + j, h);
    label.set(n + j, joined);
  }
  const column = (c: number) => Float64Array.from(segments, (s) => s[c] as number);
  return {
    leaves,
    x1: column(0),
    y1: column(1),
    x2: column(2),
    y2: column(3),
    segmentLabel: Int32Array.from(segments, (s) => s[4]),
    leafSizes,
    leafLabels: leafLabels.map((l) => (l === -2 ? -1 : l)),
    cutHeight,
    maxHeight: m > 0 ? height(m - 1) : 0,
    merges: m,
    drawnMerges: drawn,
  };
}
