import type { Matrix } from '@mixkit/core';

/** Per-row scores written after a row's label with `--scores` (names, then one cell list a row). */
export interface RowScores {
  /** Column names of the labels file, after `cluster`. */
  readonly names: readonly string[];
  /** The cells of training row `i`, comma-joined. */
  cells(i: number): string;
}

/**
 * How a fitted model labels rows, one chunk at a time: what `Labelling` needs of any algorithm.
 * A mixture predicts each row (and gives responsibilities and a log-likelihood); the clusterers
 * whose labels come from the fit itself (agglomerative and density-based) hand out their
 * training labels, since predicting the training rows would not give them back (a DBSCAN border
 * row or an HDBSCAN noise row may lie within reach of a cluster's row).
 */
export interface Labeller {
  /** Clusters (labels 0..nClusters-1; noise, -1, not counted). */
  readonly nClusters: number;
  /** Labels of `chunk`'s rows, the first of which is row `start` of the data. */
  labels(chunk: Matrix, start: number): Int32Array;
  /** Responsibilities, n x nClusters (mixtures only). */
  readonly probabilities?: (chunk: Matrix) => Matrix;
  /** Total log-likelihood of the chunk's rows (mixtures fitted by EM only). */
  readonly logLikelihood?: (chunk: Matrix) => number;
  /** Per-row scores of the training rows (`--scores`). */
  readonly scores?: RowScores;
}

/** A model that labels any rows (mixtures, k-means, and the new-row rules of the others). */
export interface Predicting {
  readonly nClusters: number;
  predict(X: Matrix): Int32Array;
}

/** Labels every chunk by `model.predict`. */
export function predictingLabeller(model: Predicting): Labeller {
  return { nClusters: model.nClusters, labels: (chunk) => model.predict(chunk) };
}

/** A soft model: predicted labels, responsibilities, and optionally a log-likelihood. */
export function mixtureLabeller(
  model: Predicting & { predictProba(X: Matrix): Matrix },
  score?: (X: Matrix) => number,
): Labeller {
  return {
    nClusters: model.nClusters,
    labels: (chunk) => model.predict(chunk),
    probabilities: (chunk) => model.predictProba(chunk),
    ...(score === undefined ? {} : { logLikelihood: (chunk: Matrix) => score(chunk) * chunk.rows }),
  };
}

/** The labels a fit gave its training rows, handed out in row order. */
export function trainingLabeller(
  labels: Int32Array,
  nClusters: number,
  scores?: RowScores,
): Labeller {
  return {
    nClusters,
    labels: (chunk, start) => labels.subarray(start, start + chunk.rows),
    ...(scores === undefined ? {} : { scores }),
  };
}
