import { InvalidInputError } from '@mixkit/core';
import type { AgglomerationMerges } from './vvvAgglomeration.js';

/**
 * The partition into `nClusters` groups of an agglomeration (the state after n − nClusters
 * merges), labelled 0, 1, ... in order of first appearance in the rows, as mclust's
 * `hclass` (with `partconv(consec = TRUE)`) labels them.
 */
export function cutTree({ n, merges }: AgglomerationMerges, nClusters: number): Int32Array {
  if (!Number.isInteger(nClusters) || nClusters < 1 || nClusters > n) {
    throw new InvalidInputError(
      { argument: 'nClusters', value: nClusters },
      `expected an integer in [1, ${n}]`,
    );
  }
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root];
    while (parent[i] !== root) {
      const next = parent[i];
      parent[i] = root;
      i = next;
    }
    return root;
  };
  // slot s holds the cluster whose union-find root is slotRoot[s].
  const slotRoot = Int32Array.from({ length: n }, (_, i) => i);
  let lg = n;
  for (let step = 0; lg > nClusters; step++, lg--) {
    const i = merges[2 * step];
    const j = merges[2 * step + 1];
    const a = find(slotRoot[i]);
    const b = find(slotRoot[j]);
    parent[b] = a;
    slotRoot[i] = a;
    slotRoot[j] = slotRoot[lg - 1];
  }
  const labels = new Int32Array(n);
  const labelOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let label = labelOf.get(root);
    if (label === undefined) {
      label = labelOf.size;
      labelOf.set(root, label);
    }
    labels[i] = label;
  }
  return labels;
}
