import { assertInteger, assertNumber, InvalidInputError, type MatrixInput } from '@mixkit/core';

/**
 * Where the first concept vectors come from: k-means++ on the normalised rows (its D² is then
 * 2(1 − cos), so rows are drawn ∝ their cosine distance to the nearest chosen centre), k distinct
 * random rows, or a k x d matrix (its rows are normalised).
 */
export type SphericalKMeansInit = 'k-means++' | 'random' | MatrixInput;

/** Options of `new SphericalKMeans(options)`. */
export interface SphericalKMeansOptions {
  /** Number of clusters, an integer >= 1 (and <= the number of rows at fit time). */
  readonly nClusters: number;
  /** Seeding. Default `'k-means++'`. */
  readonly init?: SphericalKMeansInit;
  /** Seedings to run, keeping the highest cohesion. Default 1 (always 1 for given centres). */
  readonly nInit?: number;
  /** Maximum iterations per run (>= 0; 0 only assigns rows to the initial centres). Default 300. */
  readonly maxIterations?: number;
  /**
   * A run stops when no label changes, or when the cohesion Σ w·cos grows by at most
   * `tolerance` x its value in an iteration. Default 1e-6.
   */
  readonly tolerance?: number;
}

/** `SphericalKMeansOptions` with defaults merged. */
export interface ResolvedSphericalKMeansOptions {
  /** Number of clusters. */
  readonly nClusters: number;
  /** How the concept vectors start. */
  readonly init: SphericalKMeansInit;
  /** Restarts; the highest cohesion is kept. */
  readonly nInit: number;
  /** Iteration cap per restart. */
  readonly maxIterations: number;
  /** Convergence tolerance. */
  readonly tolerance: number;
}

/** Validates the options and merges defaults. */
export function resolveSphericalKMeansOptions(
  options: SphericalKMeansOptions,
): ResolvedSphericalKMeansOptions {
  if (options == null || typeof options !== 'object') {
    throw new InvalidInputError(
      { argument: 'options', value: String(options) },
      'expected { nClusters, ... }',
    );
  }
  assertInteger(options.nClusters, 'nClusters', 1);
  const init = options.init ?? 'k-means++';
  if (typeof init === 'string' && init !== 'k-means++' && init !== 'random') {
    throw new InvalidInputError(
      { argument: 'init', value: init },
      "expected 'k-means++', 'random' or a k x d matrix of centres",
    );
  }
  const nInit = options.nInit ?? 1;
  assertInteger(nInit, 'nInit', 1);
  const maxIterations = options.maxIterations ?? 300;
  assertInteger(maxIterations, 'maxIterations', 0);
  const tolerance = options.tolerance ?? 1e-6;
  assertNumber(tolerance, 'tolerance', { min: 0 });
  return {
    nClusters: options.nClusters,
    init,
    nInit,
    maxIterations,
    tolerance,
  };
}
