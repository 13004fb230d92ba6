import { matchClusters } from './matchClusters.js';

/**
 * Clustering accuracy: the fraction of rows labelled correctly after the best one-to-one
 * renaming of clusters to classes (Hungarian algorithm; see `matchClusters` for the mapping).
 * 1 for identical partitions; with more clusters than classes, unmatched clusters count as wrong.
 */
export function clusteringAccuracy(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): number {
  return matchClusters(labelsTrue, labelsPred).accuracy;
}
