import { matchClusters } from '@mixkit/metrics';

/**
 * A color index for each of k clusters of `labels`, chosen so that each cluster takes the color
 * of the `reference` cluster it overlaps best (one-to-one, Hungarian matching from
 * `@mixkit/metrics`). Cluster numbers are arbitrary, so without this the k-means panel would
 * paint the same group orange that EM paints blue. Unmatched clusters get the unused colors.
 */
export function alignLabels(
  reference: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
): Int32Array {
  const colors = new Int32Array(k).fill(-1);
  const used = new Set<number>();
  if (reference.length === labels.length && labels.length > 0) {
    for (const [cluster, matched] of matchClusters(reference, labels).mapping) {
      if (cluster >= 0 && cluster < k && matched >= 0 && matched < k) {
        colors[cluster] = matched;
        used.add(matched);
      }
    }
  }
  let next = 0;
  for (let c = 0; c < k; c++) {
    if (colors[c] !== -1) continue;
    while (used.has(next)) next++;
    colors[c] = next;
    used.add(next);
  }
  return colors;
}
