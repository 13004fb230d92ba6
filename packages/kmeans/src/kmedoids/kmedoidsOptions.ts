import { assertInteger, InvalidInputError } from '@mixkit/core';

/**
 * The dissimilarity k-medoids minimises the summed distance to the medoids under:
 * Euclidean, Manhattan (L1), cosine (1 − cos θ), or a caller-supplied n x n matrix.
 */
export type KMedoidsMetric = 'euclidean' | 'manhattan' | 'cosine' | 'precomputed';

/**
 * Initial medoids: the greedy BUILD of PAM (Kaufman & Rousseeuw 1990; deterministic, O(n²k)),
 * k-means++-style sampling with probability ∝ distance to the nearest chosen medoid (O(nk)),
 * k distinct random rows, or explicit row indices.
 */
export type KMedoidsInit = 'build' | 'k-means++' | 'random' | readonly number[];

/** Options of `new KMedoids(options)`. */
export interface KMedoidsOptions {
  /** Number of clusters, an integer >= 1. */
  readonly nClusters: number;
  /** Default `'euclidean'`. */
  readonly metric?: KMedoidsMetric;
  /** Default `'build'`. */
  readonly init?: KMedoidsInit;
  /** Maximum passes of the swap phase over all candidate rows. Default 100. */
  readonly maxIterations?: number;
}

/** `KMedoidsOptions` with defaults merged. */
export interface ResolvedKMedoidsOptions {
  /** Number of clusters (`nClusters`). */
  readonly k: number;
  /** The dissimilarity between rows. */
  readonly metric: KMedoidsMetric;
  /** How the medoids start. */
  readonly init: KMedoidsInit;
  /** Cap on swap-phase passes. */
  readonly maxIterations: number;
}

const metrics: readonly KMedoidsMetric[] = ['euclidean', 'manhattan', 'cosine', 'precomputed'];

/** Validates the options and merges defaults. */
export function resolveKMedoidsOptions(options: KMedoidsOptions): ResolvedKMedoidsOptions {
  if (options == null || typeof options !== 'object') {
    throw new InvalidInputError(
      { argument: 'options', value: options },
      'expected { nClusters, ... }',
    );
  }
  assertInteger(options.nClusters, 'nClusters', 1);
  const metric = options.metric ?? 'euclidean';
  if (!metrics.includes(metric)) {
    throw new InvalidInputError(
      { argument: 'metric', value: metric },
      `expected one of ${metrics.join(', ')}`,
    );
  }
  const init = options.init ?? 'build';
  if (typeof init === 'string' && !['build', 'k-means++', 'random'].includes(init)) {
    throw new InvalidInputError(
      { argument: 'init', value: init },
      "expected 'build', 'k-means++', 'random' or an array of row indices",
    );
  }
  if (typeof init !== 'string' && (!Array.isArray(init) || init.length !== options.nClusters)) {
    throw new InvalidInputError(
      { argument: 'init', value: init },
      `expected ${options.nClusters} row indices`,
    );
  }
  const maxIterations = options.maxIterations ?? 100;
  assertInteger(maxIterations, 'maxIterations', 0);
  return { k: options.nClusters, metric, init, maxIterations };
}
