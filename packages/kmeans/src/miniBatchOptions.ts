import { assertInteger, assertNumber, InvalidInputError } from '@mixkit/core';
import type { KMeansInit } from './kmeansOptions.js';

/** Options of `new MiniBatchKMeans(options)` (scikit-learn's `MiniBatchKMeans` defaults). */
export interface MiniBatchKMeansOptions {
  /** Number of clusters, an integer >= 1. */
  readonly nClusters: number;
  /** Rows per mini-batch, drawn with replacement. Default 1024. */
  readonly batchSize?: number;
  /** Maximum passes over the data: the run takes at most maxIterations·n/batchSize steps. Default 100. */
  readonly maxIterations?: number;
  /** Seeding, as for `KMeans`; run on `initSize` random rows. Default `'k-means++'`. */
  readonly init?: KMeansInit;
  /** Rows drawn for each seeding (and to compare seedings). Default min(n, max(3·batchSize, 3k)). */
  readonly initSize?: number;
  /** Seedings tried, keeping the one of lowest inertia on the seeding rows. Default 3. */
  readonly nInit?: number;
  /**
   * Stop when one step's summed squared center shift is at most tolerance × the mean column variance.
   * Default 0 (off: stopping relies on `maxNoImprovement`).
   */
  readonly tolerance?: number;
  /**
   * Stop after this many consecutive steps without improvement of the smoothed (exponentially
   * weighted) batch inertia. Default 10; 0 turns it off.
   */
  readonly maxNoImprovement?: number;
  /**
   * Centers whose absorbed weight is below this fraction of the largest are moved to random batch
   * rows (and reported as re-seeded). Default 0.01; 0 turns it off.
   */
  readonly reassignmentRatio?: number;
}

/** `MiniBatchKMeansOptions` with every default filled in (`initSize` 0 means "default"). */
export type ResolvedMiniBatchOptions = Required<Omit<MiniBatchKMeansOptions, 'nClusters'>> & {
  /** Number of clusters (`nClusters`). */
  readonly k: number;
};

/** Validates the options and merges the defaults. */
export function resolveMiniBatchOptions(options: MiniBatchKMeansOptions): ResolvedMiniBatchOptions {
  if (options == null || typeof options !== 'object') {
    throw new InvalidInputError(
      { argument: 'options', value: options },
      'expected { nClusters, ... }',
    );
  }
  assertInteger(options.nClusters, 'nClusters', 1);
  const batchSize = options.batchSize ?? 1024;
  assertInteger(batchSize, 'batchSize', 1);
  const maxIterations = options.maxIterations ?? 100;
  assertInteger(maxIterations, 'maxIterations', 0);
  const initSize = options.initSize ?? 0;
  assertInteger(initSize, 'initSize', 0);
  const nInit = options.nInit ?? 3;
  assertInteger(nInit, 'nInit', 1);
  const tolerance = options.tolerance ?? 0;
  assertNumber(tolerance, 'tolerance', { min: 0 });
  const maxNoImprovement = options.maxNoImprovement ?? 10;
  assertInteger(maxNoImprovement, 'maxNoImprovement', 0);
  const reassignmentRatio = options.reassignmentRatio ?? 0.01;
  assertNumber(reassignmentRatio, 'reassignmentRatio', { min: 0, max: 1 });
  const init = options.init ?? 'k-means++';
  if (typeof init === 'string' && init !== 'k-means++' && init !== 'random') {
    throw new InvalidInputError(
      { argument: 'init', value: init },
      "expected 'k-means++', 'random', a k x d matrix of centers or a function",
    );
  }
  return {
    k: options.nClusters,
    batchSize,
    maxIterations,
    init,
    initSize,
    nInit,
    tolerance,
    maxNoImprovement,
    reassignmentRatio,
  };
}
