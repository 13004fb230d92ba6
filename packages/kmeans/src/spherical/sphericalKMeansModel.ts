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
      diagnostics: diagnosticsToJson(this.diagnostics),
    };
  }

  /** Rebuilds a model from `toJSON()`; `InvalidInputError` on a malformed document. */
  static fromJSON(json: unknown): SphericalKMeansModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const dimension = reader.number('dimension');
    const rows = reader.raw('centers');
    const k = Array.isArray(rows) ? rows.length : 0;
    if (k < 1 || !Number.isInteger(dimension) || dimension < 1) {
      throw new InvalidInputError(
        { argument: 'json.centers', value: k },
        'expected at least one centre of at least one column',
      );
    }
    const centers = createMatrix(k, dimension, reader.matrix('centers', k, dimension));
    const labels = Int32Array.from(reader.numbers('labels'));
    if (labels.some((label) => label < 0 || label >= k)) {
      throw new InvalidInputError({ argument: 'json.labels' }, `labels must lie in [0, ${k})`);
    }
    return new SphericalKMeansModel({
      centers,
      labels,
      cohesion: reader.number('cohesion'),
      iterations: reader.number('iterations'),
      converged: reader.boolean('converged'),
      diagnostics: diagnosticsFromJson(reader.raw('diagnostics'), 'json.diagnostics'),
    });
  }
}
