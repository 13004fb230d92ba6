import type { CondensedTree } from './condensedTree.js';

/** How flat clusters are chosen from the condensed tree. */
export type ClusterSelection = 'eom' | 'leaf';

/**
 * The selected clusters, in R's order. `'eom'` (excess of mass, Campello et al. 2013): bottom-up,
 * a cluster replaces its descendants when its stability is at least the sum of its children's
 * scores (ties keep the parent), exactly as R's `fosc`; the root is never selected over its
 * children. `'leaf'`: every leaf of the condensed tree. A tree without any split selects nothing.
 *
 * Order: R appends a leaf when the depth-first walk (left child first) reaches it, and a parent
 * that wins after removing its descendants; cluster labels are positions in this list.
 */
export function selectClusters(tree: CondensedTree, selection: ClusterSelection): number[] {
  const { left, right, stability } = tree;
  if (left[0] < 0) return [];
  const selected: number[] = [];
  if (selection === 'leaf') {
    const stack = [0];
    while (stack.length > 0) {
      const c = stack.pop() as number;
      if (left[c] < 0) selected.push(c);
      else stack.push(right[c], left[c]);
    }
    return selected;
  }
  const score = new Float64Array(tree.clusterCount);
  // Iterative post-order walk: (cluster, children done?).
  const stack: number[] = [0];
  const expanded = new Uint8Array(tree.clusterCount);
  while (stack.length > 0) {
    const c = stack[stack.length - 1] as number;
    if (left[c] < 0) {
      stack.pop();
      selected.push(c);
      score[c] = stability[c];
      continue;
    }
    if (expanded[c] === 0) {
      expanded[c] = 1;
      stack.push(right[c], left[c]);
      continue;
    }
    stack.pop();
    const children = score[left[c]] + score[right[c]];
    if (stability[c] < children) {
      score[c] = children;
    } else {
      score[c] = stability[c];
      if (c !== 0) {
        const below = descendants(tree, c);
        for (let t = selected.length - 1; t >= 0; t--)
          if (below.has(selected[t] as number)) selected.splice(t, 1);
        selected.push(c);
      }
    }
  }
  return selected;
}

function descendants(tree: CondensedTree, c: number): Set<number> {
  const out = new Set<number>();
  const stack = [c];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (tree.left[x] < 0) continue;
    out.add(tree.left[x]);
    out.add(tree.right[x]);
    stack.push(tree.left[x], tree.right[x]);
  }
  return out;
}
