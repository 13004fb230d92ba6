import { NOISE } from '@mixkit/core';

/**
 * The DBSCAN clustering at radius `epsCluster` read off an OPTICS ordering (Ankerst et al.
 * 1999, §4.1; R's `extractDBSCAN`, scikit-learn's `cluster_optics_dbscan`): walking the order, a
 * row whose reachability exceeds epsCluster starts a new cluster when its core distance is
 * within epsCluster and is noise otherwise; every other row joins the current cluster. Clusters
 * are numbered in order of the walk. Returns the labels in row order and the cluster count.
 */
export function extractDbscanLabels(
  order: Int32Array,
  /** Reachability distance of every row, in row order (Infinity where undefined). */
  reachability: Float64Array,
  /** Core distance of every training row (Infinity where undefined). */
  coreDistances: Float64Array,
  /** Radius of the extracted flat clustering (undefined: none extracted yet). */
  epsCluster: number,
): {
  /** Label of every row, in row order (NOISE = -1). */
  labels: Int32Array;
  /** Number of clusters found. */
  nClusters: number;
} {
  const labels = new Int32Array(order.length);
  let current = NOISE;
  let nClusters = 0;
  for (let t = 0; t < order.length; t++) {
    const p = order[t];
    if (reachability[p] > epsCluster) {
      if (coreDistances[p] <= epsCluster) {
        current = nClusters++;
        labels[p] = current;
      } else {
        labels[p] = NOISE;
      }
    } else {
      labels[p] = current;
    }
  }
  return { labels, nClusters };
}
