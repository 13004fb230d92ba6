import {
  drainShardProgram,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type ShardEffect,
  toMatrix,
} from '@mixkit/core';
import {
  type Metric,
  NeighborIndex,
  powerOfTwoExponent,
  scaleByPowerOfTwo,
} from '@mixkit/neighbors';
import { type Connectivity, connectivityGraphProgram } from './connectivity.js';
import { constrainedLinkageProgram } from './constrainedLinkage.js';
import { linkageFromMerges } from './linkageFromMerges.js';
import { assertLinkageMethod, type LinkageMethod } from './linkageMethod.js';
import { nnChainProgram } from './nnChain.js';
import { primSpanningPathProgram } from './primSpanningPath.js';
import { wardChainProgram } from './wardChain.js';

/** Options of `linkageMatrix`. */
export interface LinkageOptions {
  /** Default `'ward'`. */
  readonly linkage?: LinkageMethod;
  /** Default `'euclidean'`; Ward needs Euclidean rows. */
  readonly metric?: Metric;
  /** Optional connectivity constraints (see `Connectivity`). */
  readonly connectivity?: Connectivity;
  /**
   * How Ward is computed. `'lance-williams'`: SciPy's algorithm on the condensed distance matrix
   * (n(n − 1)/2 doubles), same bits as SciPy. `'centroids'`: the chain on cluster centroids, n·d
   * doubles; same tree and heights to ~1e-15 relative, but where distances tie exactly (duplicate
   * rows, grid data) rounding can break ties differently from SciPy. `'auto'` (default):
   * Lance–Williams while the matrix takes at most `WARD_CONDENSED_MAX_BYTES` (1 GiB, n ≤ 16,384).
   */
  readonly wardStrategy?: WardStrategy;
  /** Aborts the fit with an AbortedError when it fires. */
  readonly signal?: AbortSignal;
}

/** See `LinkageOptions.wardStrategy`. */
export type WardStrategy = 'auto' | 'lance-williams' | 'centroids';

/** Largest condensed matrix the `'auto'` Ward strategy allocates. */
export const WARD_CONDENSED_MAX_BYTES = 2 ** 30;

/**
 * The full agglomerative dendrogram of X in SciPy's linkage layout ((n − 1) x 4, row-major:
 * [a, b, height, size]), equal to `scipy.cluster.hierarchy.linkage(X, method)` without
 * constraints.
 *
 * | linkage | algorithm | memory above X |
 * | --- | --- | --- |
 * | ward, complete, average | NN-chain on the condensed matrix (`nnChainCondensed`) | n(n − 1)/2 doubles |
 * | ward (`wardStrategy: 'centroids'`, or auto above 1 GiB) | NN-chain on centroids (`wardChain`) | n·d + O(n) doubles |
 * | single | Prim's MST, distances on the fly (`primSpanningPath`) | O(n) |
 * | any, with connectivity | heap over graph edges (`constrainedLinkage`) | O(edges) |
 */
export function linkageMatrix(X: MatrixInput, options: LinkageOptions = {}): Float64Array {
  return drainShardProgram(linkageProgram(X, options));
}

/**
 * `linkageMatrix` as a fit program (what `AgglomerativeClustering` drives): the same merges,
 * with `pause()` points about every millisecond of work, where an async driver may yield to
 * the event loop and stop on an abort.
 */
export function* linkageProgram(
  X: MatrixInput,
  options: LinkageOptions = {},
): Generator<ShardEffect, Float64Array, unknown> {
  const method = options.linkage ?? 'ward';
  assertLinkageMethod(method);
  const metric = options.metric ?? 'euclidean';
  if (method === 'ward' && metric !== 'euclidean') {
    throw new InvalidInputError(
      { argument: 'metric', value: metric },
      "Ward linkage needs 'euclidean'",
    );
  }
  const given = toMatrix(X);
  if (given.rows < 2) return new Float64Array(0);
  // Rows near 1e300 or 1e-300 have squared distances that overflow or underflow, so every merge
  // would tie: the tree is built on the rows times a power of two (exact), and its heights,
  // which scale with the rows (every linkage here is homogeneous of degree 1 in the distances),
  // are scaled back exactly. Cosine distances do not depend on scale and are left as they are.
  const exponent = metric === 'precomputed' ? 0 : powerOfTwoExponent(given.data);
  const linkage = yield* linkageOfMatrix(
    scaleByPowerOfTwo(given, exponent),
    method,
    metric,
    options,
  );
  if (exponent !== 0 && metric !== 'cosine') {
    const back = 2 ** -exponent;
    for (let t = 2; t < linkage.length; t += 4) linkage[t] *= back;
  }
  return linkage;
}

function* linkageOfMatrix(
  matrix: Matrix,
  method: LinkageMethod,
  metric: Metric,
  options: LinkageOptions,
): Generator<ShardEffect, Float64Array, unknown> {
  const n = matrix.rows;
  const index = new NeighborIndex(matrix, {
    metric,
    algorithm: metric === 'precomputed' ? 'brute' : 'auto',
  });
  if (options.connectivity !== undefined) {
    const graph = yield* connectivityGraphProgram(options.connectivity, index);
    return yield* constrainedLinkageProgram(matrix, index, graph, method, options.signal);
  }
  if (method === 'single') {
    const path = yield* primSpanningPathProgram(index, undefined, options.signal);
    return linkageFromMerges(n, path.previous, path.added, path.weight).linkage;
  }
  const strategy = options.wardStrategy ?? 'auto';
  if (strategy !== 'auto' && strategy !== 'lance-williams' && strategy !== 'centroids') {
    throw new InvalidInputError(
      { argument: 'wardStrategy', value: strategy },
      "expected 'auto', 'lance-williams' or 'centroids'",
    );
  }
  const condensedBytes = ((n * (n - 1)) / 2) * 8;
  const centroids =
    method === 'ward' &&
    (strategy === 'centroids' ||
      (strategy === 'auto' && condensedBytes > WARD_CONDENSED_MAX_BYTES));
  const raw = centroids
    ? yield* wardChainProgram(matrix, options.signal)
    : yield* nnChainProgram(index, method, options.signal);
  return linkageFromMerges(n, raw.a, raw.b, raw.height).linkage;
}
