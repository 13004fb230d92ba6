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
import { assignByCosine } from './assignByCosine.js';
import { cosineWorkspace } from './cosineWorkspace.js';
import { normalizedRows } from './normalizedRows.js';

/** Everything a `SphericalKMeansModel` holds. */
export interface SphericalKMeansModelState {
  /** k x d unit concept vectors. */
  readonly centers: Matrix;
  /** Label of every training row. */
  readonly labels: Int32Array;
  /** Σ wᵢ cos(xᵢ, c_{labelᵢ}) of the training rows (Dhillon & Modha's objective). */
  readonly cohesion: number;
  /** Iterations run by the kept restart. */
  readonly iterations: number;
  /** True when the kept restart converged. */
  readonly converged: boolean;
  /** Convergence, objective trace and warnings. */
  readonly diagnostics: FitDiagnostics;
}

const KIND = 'mixkit.spherical-kmeans-model';
const VERSION = 1;

/**
 * A fitted spherical k-means model: unit concept vectors; `predict` gives each row (of any
 * non-zero norm) the centre of highest cosine similarity.
 */
export class SphericalKMeansModel implements ClusteringModel {
  readonly nClusters: number;
  readonly dimension: number;
  /** k x d unit concept vectors. */
  readonly centers: Matrix;
  /** Label of every training row. */
  readonly labels: Int32Array;
  /** Σ wᵢ cos(xᵢ, c_{labelᵢ}) of the training rows (higher is better). */
  readonly cohesion: number;
  /** Iterations run by the kept restart. */
  readonly iterations: number;
  /** True when the kept restart converged within `maxIterations`. */
  readonly converged: boolean;
  readonly diagnostics: FitDiagnostics;

  constructor(state: SphericalKMeansModelState) {
    this.nClusters = state.centers.rows;
    this.dimension = state.centers.cols;
    this.centers = state.centers;
    this.labels = state.labels;
    this.cohesion = state.cohesion;
    this.iterations = state.iterations;
    this.converged = state.converged;
    this.diagnostics = state.diagnostics;
  }

  /** The centre of highest cosine similarity for every row; `InvalidInputError` for a zero row. */
  predict(X: MatrixInput): Int32Array {
    const matrix = toMatrix(X, { argument: 'X', cols: this.dimension });
    const workspace = cosineWorkspace(matrix, this.nClusters);
    const labels = new Int32Array(matrix.rows).fill(-1);
    assignByCosine(workspace, this.centers, labels, new Float64Array(matrix.rows));
    return labels;
  }

  /** n x k cosine similarities of every row to every concept vector. */
  transform(X: MatrixInput): Matrix {
    const unit = normalizedRows(toMatrix(X, { argument: 'X', cols: this.dimension }));
    const k = this.nClusters;
    const d = this.dimension;
    const out = new Float64Array(unit.rows * k);
    for (let i = 0; i < unit.rows; i++) {
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += unit.data[i * d + j] * this.centers.data[c * d + j];
        out[i * k + c] = dot;
      }
    }
    return createMatrix(unit.rows, k, out);
  }

  toJSON(): JsonValue {
    const d = this.dimension;
    return {
      kind: KIND,
      version: VERSION,
      dimension: d,
      centers: Array.from({ length: this.nClusters }, (_, c) =>
        Array.from(this.centers.data.subarray(c * d, (c + 1) * d)),
      ),
      labels: Array.from(this.labels),
      cohesion: this.cohesion,
      iterations: this.iterations,
      converged: this.converged,
      diagnostics: fitDiagnosticsToJson(this.diagnostics),
    };
  }

  /**
   * Rebuilds a model from `toJSON()`, checking every field (types, shapes, finite numbers, unit
   * centers, labels in range, the diagnostics); a problem is an `InvalidInputError` naming the
   * field (e.g. `json.centers`, with its row).
   */
  static fromJSON(json: unknown): SphericalKMeansModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, [VERSION]);
    const dimension = reader.integer('dimension', 1);
    const rows = reader.raw('centers');
    const k = Array.isArray(rows) ? rows.length : 0;
    if (k < 1) {
      throw new InvalidInputError(
        { argument: 'json.centers', value: k },
        'expected at least one centre',
      );
    }
    const centers = createMatrix(k, dimension, reader.matrix('centers', k, dimension));
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < dimension; j++) norm += centers.data[c * dimension + j] ** 2;
      if (!(Math.abs(Math.sqrt(norm) - 1) <= 1e-9)) {
        throw new InvalidInputError(
          { argument: 'json.centers', row: c, value: Math.sqrt(norm) },
          'concept vectors must have unit length',
        );
      }
    }
    return new SphericalKMeansModel({
      centers,
      labels: reader.indices('labels', k),
      cohesion: reader.number('cohesion'),
      iterations: reader.integer('iterations'),
      converged: reader.boolean('converged'),
      diagnostics: fitDiagnosticsFromJson(reader.raw('diagnostics'), 'json.diagnostics'),
    });
  }
}
