import {
  type ClusteringModel,
  createMatrix,
  type FitDiagnostics,
  fitDiagnosticsFromJson,
  fitDiagnosticsToJson,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type MatrixInput,
  toMatrix,
} from '@mixkit/core';
import { JsonReader } from '../internal/jsonReader.js';
import { dissimilarities } from './dissimilarities.js';
import type { KMedoidsMetric } from './kmedoidsOptions.js';

/** Everything a `KMedoidsModel` holds. */
export interface KMedoidsModelState {
  /** The dissimilarity the model was fitted with. */
  readonly metric: KMedoidsMetric;
  /**
   * The power of two rows are multiplied by before distances are taken (1 unless the training
   * data's magnitude was extreme, near 1e300 or 1e-300), so ties from overflow or underflow
   * never decide a label.
   */
  readonly scale: number;
  /** Columns of the training X (n_train for `'precomputed'`). */
  readonly dimension: number;
  /** Training-row index of each medoid. */
  readonly medoidIndices: Int32Array;
  /** k x d medoid rows; absent for `'precomputed'`. */
  readonly medoids: Matrix | undefined;
  /** Nearest medoid of every training row. */
  readonly labels: Int32Array;
  /** Σ_i w_i d(x_i, nearest medoid). */
  readonly totalDeviation: number;
  /** Swap-phase passes. */
  readonly iterations: number;
  /** Swaps made. */
  readonly swaps: number;
  /** True when a pass found no improving swap before `maxIterations`. */
  readonly converged: boolean;
  /** Convergence, objective trace and warnings. */
  readonly diagnostics: FitDiagnostics;
}

const KIND = 'mixkit.kmedoids-model';
/** Version 2 adds `scale`; version 1 documents load with scale 1. */
const VERSION = 2;
const metrics: readonly KMedoidsMetric[] = ['euclidean', 'manhattan', 'cosine', 'precomputed'];

/**
 * A fitted k-medoids model. `predict` assigns rows to the nearest medoid under the fitted metric;
 * with `'precomputed'` it takes an m x n_train matrix of dissimilarities to the training rows.
 */
export class KMedoidsModel implements ClusteringModel {
  readonly nClusters: number;
  readonly dimension: number;
  /** The dissimilarity the model was fitted with (and predicts with). */
  readonly metric: KMedoidsMetric;
  /** Training-row index of each medoid. */
  readonly medoidIndices: Int32Array;
  /** k x d medoid rows (undefined for `'precomputed'`). */
  readonly medoids: Matrix | undefined;
  /** Nearest medoid (position in `medoidIndices`) of every training row. */
  readonly labels: Int32Array;
  /** Σ_i w_i d(x_i, nearest medoid). */
  readonly totalDeviation: number;
  /** Swap-phase passes. */
  readonly iterations: number;
  /** Swaps made. */
  readonly swaps: number;
  /** True when a pass found no improving swap before `maxIterations`. */
  readonly converged: boolean;
  readonly diagnostics: FitDiagnostics;
  private readonly scale: number;

  constructor(state: KMedoidsModelState) {
    this.nClusters = state.medoidIndices.length;
    this.dimension = state.dimension;
    this.metric = state.metric;
    this.scale = state.scale;
    this.medoidIndices = state.medoidIndices;
    this.medoids = state.medoids;
    this.labels = state.labels;
    this.totalDeviation = state.totalDeviation;
    this.iterations = state.iterations;
    this.swaps = state.swaps;
    this.converged = state.converged;
    this.diagnostics = state.diagnostics;
  }

  /** Nearest medoid of every row (lowest medoid position on ties). */
  predict(X: MatrixInput): Int32Array {
    const distances = this.scaledDistances(X);
    const k = this.nClusters;
    const labels = new Int32Array(distances.rows);
    for (let i = 0; i < distances.rows; i++) {
      let best = 0;
      for (let m = 1; m < k; m++) {
        if (distances.data[i * k + m] < distances.data[i * k + best]) best = m;
      }
      labels[i] = best;
    }
    return labels;
  }

  /** m x k distances from every row to every medoid. */
  transform(X: MatrixInput): Matrix {
    const distances = this.scaledDistances(X);
    // Cosine distances do not scale with the rows; Euclidean and Manhattan ones do.
    if (this.scale === 1 || this.metric === 'cosine') return distances;
    const out = distances.data;
    for (let t = 0; t < out.length; t++) out[t] /= this.scale;
    return distances;
  }

  toJSON(): JsonValue {
    const d = this.dimension;
    const medoids = this.medoids;
    return {
      kind: KIND,
      version: VERSION,
      metric: this.metric,
      scale: this.scale,
      dimension: d,
      medoidIndices: Array.from(this.medoidIndices),
      medoids:
        medoids === undefined
          ? null
          : Array.from({ length: this.nClusters }, (_, m) =>
              Array.from(medoids.data.subarray(m * d, (m + 1) * d)),
            ),
      labels: Array.from(this.labels),
      totalDeviation: this.totalDeviation,
      iterations: this.iterations,
      swaps: this.swaps,
      converged: this.converged,
      diagnostics: fitDiagnosticsToJson(this.diagnostics),
    };
  }

  /**
   * Rebuilds a model from `toJSON()`, checking every field (types, shapes, finiteness, distinct
   * medoid indices, labels in range, a power-of-two scale); a problem is an
   * `InvalidInputError` naming the field (e.g. `json.medoidIndices`, with its row).
   */
  static fromJSON(json: unknown): KMedoidsModel {
    const reader = new JsonReader(json, 'json');
    const version = reader.expectKind(KIND, [1, VERSION]);
    const metric = reader.oneOf('metric', metrics);
    const scale = version === 1 ? 1 : reader.number('scale');
    if (!(scale > 0) || 2 ** Math.round(Math.log2(scale)) !== scale) {
      throw new InvalidInputError(
        { argument: 'json.scale', value: scale },
        'expected a power of two',
      );
    }
    const dimension = reader.integer('dimension', 1);
    const medoidIndices = reader.indices(
      'medoidIndices',
      metric === 'precomputed' ? dimension : Number.MAX_SAFE_INTEGER,
    );
    const k = medoidIndices.length;
    if (k < 1) {
      throw new InvalidInputError(
        { argument: 'json.medoidIndices' },
        'expected at least one medoid',
      );
    }
    const seen = new Set<number>();
    medoidIndices.forEach((index, m) => {
      if (seen.has(index)) {
        throw new InvalidInputError(
          { argument: 'json.medoidIndices', row: m, value: index },
          'medoid indices must be distinct',
        );
      }
      seen.add(index);
    });
    return new KMedoidsModel({
      metric,
      scale,
      dimension,
      medoidIndices,
      medoids:
        metric === 'precomputed'
          ? undefined
          : createMatrix(k, dimension, reader.matrix('medoids', k, dimension)),
      labels: reader.indices('labels', k),
      totalDeviation: reader.number('totalDeviation', 0),
      iterations: reader.integer('iterations'),
      swaps: reader.integer('swaps'),
      converged: reader.boolean('converged'),
      diagnostics: fitDiagnosticsFromJson(reader.raw('diagnostics'), 'json.diagnostics'),
    });
  }

  /** Distances to the medoids with rows and medoids times `scale` (the fit's frame). */
  private scaledDistances(X: MatrixInput): Matrix {
    const matrix = toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
    const k = this.nClusters;
    if (this.metric === 'precomputed') {
      const out = new Float64Array(matrix.rows * k);
      for (let i = 0; i < matrix.rows; i++) {
        for (let m = 0; m < k; m++) {
          out[i * k + m] = matrix.data[i * matrix.cols + this.medoidIndices[m]];
        }
      }
      return createMatrix(matrix.rows, k, out);
    }
    const medoids = this.medoids;
    if (medoids === undefined) throw new Error('unreachable: only precomputed models lack medoids');
    return createMatrix(
      matrix.rows,
      k,
      dissimilarities(scaled(matrix, this.scale), scaled(medoids, this.scale), this.metric),
    );
  }
}

/** X times `scale` (X itself for 1). */
function scaled(X: Matrix, scale: number): Matrix {
  if (scale === 1) return X;
  const out = new Float64Array(X.data.length);
  for (let t = 0; t < out.length; t++) out[t] = X.data[t] * scale;
  return createMatrix(X.rows, X.cols, out);
}
