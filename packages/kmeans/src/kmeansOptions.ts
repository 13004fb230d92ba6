import {
  assertInteger,
  assertNumber,
  assertUnreachable,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomSource,
} from '@mixkit/core';

/**
 * How each iteration assigns rows to centers. All give the same labels and centers from the same
 * start; they differ only in how many distances they compute.
 * - `lloyd`: every row against every center (blocked kernel from `@mixkit/linalg`).
 * - `hamerly`: one upper and one lower bound per row (Hamerly 2010); best for low to moderate d.
 * - `elkan`: one lower bound per row and center (Elkan 2003); fewest distances when k and d are
 *   large, at n x k memory.
 * - `yinyang`: one upper bound and one lower bound per group of about 10 centers (Ding et al.
 *   2015); between Hamerly and Elkan in distances and memory.
 * - `auto`: `lloyd` for k = 1 and for small k·d (one fused WebAssembly pass per iteration),
 *   else `hamerly`, which turns into Lloyd's step by itself while its bounds settle too few rows
 *   (the measurements behind this rule are in the README).
 */
export type KMeansAlgorithm = 'lloyd' | 'hamerly' | 'elkan' | 'yinyang' | 'auto';

/** The algorithm actually run once `auto` is resolved. */
export type ResolvedKMeansAlgorithm = Exclude<KMeansAlgorithm, 'auto'>;

/**
 * A seeding strategy: picks `k` initial centers (a k x d matrix) from the rows of `X`, row i
 * weighted by `weights[i]`, drawing only from `random`. `kmeansPlusPlus` and `randomRows` are two.
 */
export type CenterInitializer = (
  X: Matrix,
  k: number,
  random: RandomSource,
  weights?: Float64Array,
) => Matrix;

/**
 * Where the first centers come from: greedy k-means++ (default), k distinct rows drawn at random,
 * a k x d matrix of centers, or your own `CenterInitializer`.
 */
export type KMeansInit = 'k-means++' | 'random' | MatrixInput | CenterInitializer;

/** Options of `new KMeans(options)`. */
export interface KMeansOptions {
  /** Number of clusters, an integer >= 1 (and <= the number of rows at fit time). */
  readonly nClusters: number;
  /** Assignment algorithm. Default `'auto'`. */
  readonly algorithm?: KMeansAlgorithm;
  /** Seeding. Default `'k-means++'`. */
  readonly init?: KMeansInit;
  /**
   * Number of seedings to run, keeping the one of lowest inertia. Default 1 for k-means++ and for
   * given centers (which always run once), 10 for `'random'` and custom initializers.
   */
  readonly nInit?: number;
  /** Maximum Lloyd iterations per run (>= 0; 0 only assigns rows to the initial centers). Default 300. */
  readonly maxIterations?: number;
  /**
   * Relative tolerance: a run stops when the sum of squared center shifts is at most
   * `tolerance` x the mean of the data's per-column variances (scikit-learn's rule). Default 1e-4.
   */
  readonly tolerance?: number;
}

/** `KMeansOptions` with every default filled in. */
export interface ResolvedKMeansOptions {
  /** Number of clusters (`nClusters`). */
  readonly k: number;
  /** The requested algorithm (`'auto'` is resolved per fit). */
  readonly algorithm: KMeansAlgorithm;
  /** How the centers start. */
  readonly init: KMeansInit;
  /** Restarts; the lowest inertia is kept. */
  readonly nInit: number;
  /** Iteration cap per restart. */
  readonly maxIterations: number;
  /** Relative convergence tolerance on the center shift. */
  readonly tolerance: number;
}

const algorithms: readonly KMeansAlgorithm[] = ['lloyd', 'hamerly', 'elkan', 'yinyang', 'auto'];

/** Validates the options and merges the defaults, in one place. */
export function resolveKMeansOptions(options: KMeansOptions): ResolvedKMeansOptions {
  if (options == null || typeof options !== 'object') {
    throw new InvalidInputError(
      { argument: 'options', value: options },
      'expected { nClusters, ... }',
    );
  }
  assertInteger(options.nClusters, 'nClusters', 1);
  const algorithm = options.algorithm ?? 'auto';
  if (!algorithms.includes(algorithm)) {
    throw new InvalidInputError(
      { argument: 'algorithm', value: algorithm },
      `expected one of ${algorithms.join(', ')}`,
    );
  }
  const init = options.init ?? 'k-means++';
  if (typeof init === 'string' && init !== 'k-means++' && init !== 'random') {
    throw new InvalidInputError(
      { argument: 'init', value: init },
      "expected 'k-means++', 'random', a k x d matrix of centers or a function",
    );
  }
  const nInit = options.nInit ?? defaultRestarts(init);
  assertInteger(nInit, 'nInit', 1);
  const maxIterations = options.maxIterations ?? 300;
  assertInteger(maxIterations, 'maxIterations', 0);
  const tolerance = options.tolerance ?? 1e-4;
  assertNumber(tolerance, 'tolerance', { min: 0 });
  return { k: options.nClusters, algorithm, init, nInit, maxIterations, tolerance };
}

function defaultRestarts(init: KMeansInit): number {
  if (init === 'k-means++') return 1;
  if (init === 'random' || typeof init === 'function') return 10;
  return 1;
}

/**
 * Picks the algorithm for `auto` from the problem's shape (see `KMeansAlgorithm`): Lloyd where
 * its step is one fused WebAssembly pass (`fusedLloyd`: small k·d, where Hamerly's per-row bound
 * upkeep costs more than the distances it saves) or k = 1, Hamerly otherwise (which falls back
 * to Lloyd's step by itself when its bounds stop pruning, see `HamerlyAssignment`). Elkan and
 * Yinyang compute fewer distances but measured slower than Hamerly on every shape tried (their
 * filters and distances run in scalar JavaScript, Hamerly's searches in the SIMD screen; table
 * in the README), so `auto` does not pick them.
 */
export function resolveAlgorithm(
  algorithm: KMeansAlgorithm,
  k: number,
  fusedLloyd: boolean,
): ResolvedKMeansAlgorithm {
  switch (algorithm) {
    case 'lloyd':
    case 'hamerly':
    case 'elkan':
    case 'yinyang':
      return algorithm;
    case 'auto':
      return k === 1 || fusedLloyd ? 'lloyd' : 'hamerly';
    default:
      return assertUnreachable(algorithm, 'algorithm');
  }
}
