import { type MatrixInput, toMatrix } from '@mixkit/core';
import { cutTree } from './cutTree.js';
import { type HierarchicalUse, hierarchicalTransform } from './hierarchicalTransform.js';
import { type VvvAgglomerationOptions, vvvAgglomeration } from './vvvAgglomeration.js';

/** Options of `modelBasedHierarchical`: mclust's `hc(modelName = "VVV", use, alpha, beta)`. */
export interface ModelBasedHierarchicalOptions extends VvvAgglomerationOptions {
  /** The transform the agglomeration runs on. Default `'SVD'` (mclust's `hcUse` default). */
  readonly use?: HierarchicalUse;
}

/** A fitted agglomeration: cut it into any number of groups. */
export interface HierarchicalTree {
  /** Rows of the data it was built on. */
  readonly n: number;
  /** The partition into `nClusters` groups, labels 0.. in order of first appearance. */
  labels(nClusters: number): Int32Array;
  /** That partition as an EM start, `{kind: 'labels', labels}` (one M-step from it). */
  init(nClusters: number): {
    /** An EM start from labels. */
    readonly kind: 'labels';
    /** The partition into `nClusters` groups, one label per row. */
    readonly labels: Int32Array;
  };
}

/**
 * mclust's default initialisation (`hc(data, modelName = "VVV", use = "SVD")`): model-based
 * hierarchical agglomeration of the unconstrained Gaussian model (`vvvAgglomeration`) on the
 * SVD-scaled data. Build it once, then cut it for every number of components; `init(k)` starts
 * EM (any Gaussian family, or `GaussianMixture` with `init: 'hierarchical'`) from the
 * k-group partition, as `Mclust()` does. Deterministic: no random source.
 */
export function modelBasedHierarchical(
  X: MatrixInput,
  options: ModelBasedHierarchicalOptions = {},
): HierarchicalTree {
  const data = toMatrix(X);
  const merges = vvvAgglomeration(hierarchicalTransform(data, options.use ?? 'SVD'), options);
  return {
    n: data.rows,
    labels: (nClusters) => cutTree(merges, nClusters),
    init: (nClusters) => ({ kind: 'labels', labels: cutTree(merges, nClusters) }),
  };
}
