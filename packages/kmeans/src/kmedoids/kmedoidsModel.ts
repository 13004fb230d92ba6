import {
  type ClusteringModel,
  createMatrix,
  type FitDiagnostics,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type MatrixInput,
  toMatrix,
} from '@mixkit/core';
import { diagnosticsFromJson, diagnosticsToJson } from '../internal/diagnosticsJson.js';
import { JsonReader } from '../internal/jsonReader.js';
import { dissimilarities } from './dissimilarities.js';
import type { KMedoidsMetric } from './kmedoidsOptions.js';

/** Everything a `KMedoidsModel` holds. */
export interface KMedoidsModelState {
  /** The dissimilarity the model was fitted with. */
  readonly metric: KMedoidsMetric;
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
const VERSION = 1;

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

  constructor(state: KMedoidsModelState) {
    this.nClusters = state.medoidIndices.length;
    this.dimension = state.dimension;
    this.metric = state.metric;
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
    const distances = this.transform(X);
    const k = this.nClusters;
    const labels = new Int32Array(distances.rows);
    for (let i = 0; i < distances.rows; i++) {
      let best = 0;
      for (let m = 1; m < k; m++)
        if (distances.data[i * k + m]! < distances.data[i * k + best]!) best = m;
      labels[i] = best;
    }
    return labels;
  }

  /** m x k distances from every row to every medoid. */
  transform(X: MatrixInput): Matrix {
    const matrix = toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
    const k = this.nClusters;
    if (this.metric === 'precomputed') {
      const out = new Float64Array(matrix.rows * k);
      for (let i = 0; i < matrix.rows; i++) {
        for (let m = 0; m < k; m++)
          out[i * k + m] = matrix.data[i * matrix.cols + this.medoidIndices[m]!]!;
      }
      return createMatrix(matrix.rows, k, out);
    }
    return createMatrix(matrix.rows, k, dissimilarities(matrix, this.medoids!, this.metric));
  }

  toJSON(): JsonValue {
    const d = this.dimension;
    return {
      kind: KIND,
      version: VERSION,
      metric: this.metric,
      dimension: d,
      medoidIndices: Array.from(this.medoidIndices),
      medoids:
        this.medoids === undefined
          ? null
          : Array.from({ length: this.nClusters }, (_, m) =>
              Array.from(this.medoids!.data.subarray(m * d, (m + 1) * d)),
            ),
      labels: Array.from(this.labels),
      totalDeviation: this.totalDeviation,
      iterations: this.iterations,
      swaps: this.swaps,
      converged: this.converged,
      diagnostics: diagnosticsToJson(this.diagnostics),
    };
  }

  /** Rebuilds a model from `toJSON()`'s output; malformed input is an `InvalidInputError`. */
  static fromJSON(json: unknown): KMedoidsModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const metric = reader.string('metric');
    if (!['euclidean', 'manhattan', 'cosine', 'precomputed'].includes(metric)) {
      throw new InvalidInputError({ argument: 'json.metric', value: metric }, 'unknown metric');
    }
    const dimension = reader.number('dimension');
    const medoidIndices = Int32Array.from(reader.numbers('medoidIndices'));
    const k = medoidIndices.length;
    const labels = Int32Array.from(reader.numbers('labels'));
    if (k < 1 || labels.some((label) => label < 0 || label >= k)) {
      throw new InvalidInputError({ argument: 'json.labels' }, `labels must lie in [0, ${k})`);
    }
    return new KMedoidsModel({
      metric: metric as KMedoidsMetric,
      dimension,
      medoidIndices,
      medoids:
        metric === 'precomputed'
          ? undefined
          : createMatrix(k, dimension, reader.matrix('medoids', k, dimension)),
      labels,
      totalDeviation: reader.number('totalDeviation'),
      iterations: reader.number('iterations'),
      swaps: reader.number('swaps'),
      converged: reader.boolean('converged'),
      diagnostics: diagnosticsFromJson(reader.raw('diagnostics'), 'json.diagnostics'),
    });
  }
}
