import {
  type ClusteringModel,
  createMatrix,
  type FitDiagnostics,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type MatrixInput,
  toMatrix,
  toWeights,
} from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { diagnosticsFromJson, diagnosticsToJson } from './internal/diagnosticsJson.js';
import { JsonReader } from './internal/jsonReader.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';
import { forEachDistanceBlock, labelRows } from './labelRows.js';

/** How a `KMeansModel` was fitted. */
export type KMeansModelAlgorithm = ResolvedKMeansAlgorithm | 'mini-batch';

/** Everything a `KMeansModel` holds; what `KMeans.fit` and `KMeansModel.fromJSON` build it from. */
export interface KMeansModelState {
  /** k x d centers minus `offset` (the model computes in the training data's centered frame). */
  readonly centeredCenters: Matrix;
  /** The training data's column means (length d); zeros for a model without a centered frame. */
  readonly offset: Float64Array;
  /** Label of every training row. */
  readonly labels: Int32Array;
  /** Σ w_i ||x_i − c_{label_i}||² over the training rows. */
  readonly inertia: number;
  /** Iterations run by the kept restart. */
  readonly iterations: number;
  /** True when the kept restart converged. */
  readonly converged: boolean;
  /** The algorithm that ran. */
  readonly algorithm: KMeansModelAlgorithm;
  /** Distances computed by the whole fit. */
  readonly distanceComputations: number;
  /** Convergence, objective trace and warnings. */
  readonly diagnostics: FitDiagnostics;
}

const KIND = 'mixkit.kmeans-model';
const VERSION = 1;

/**
 * A fitted k-means model: centers, training labels and inertia, with `predict`, `transform` and
 * `score` on new data. Distances are computed in the training data's centered frame (rows minus
 * `offset`), exactly as during fitting, so `predict(Xtrain)` reproduces `labels`.
 */
export class KMeansModel implements ClusteringModel {
  readonly nClusters: number;
  readonly dimension: number;
  /** k x d cluster centers. */
  readonly centers: Matrix;
  /** Label of every training row, in [0, k). */
  readonly labels: Int32Array;
  /** Σ w_i ||x_i − c_{label_i}||² over the training rows. */
  readonly inertia: number;
  /** Iterations run by the kept restart. */
  readonly iterations: number;
  /** True when the kept restart converged within `maxIterations`. */
  readonly converged: boolean;
  /** The algorithm that ran (`'auto'` resolved to the one it chose). */
  readonly algorithm: KMeansModelAlgorithm;
  /** Point-center and center-center distances computed by the whole fit (all restarts). */
  readonly distanceComputations: number;
  readonly diagnostics: FitDiagnostics;
  private readonly centered: Matrix;
  private readonly offset: Float64Array;
  private readonly centerNorms: Float64Array;

  constructor(state: KMeansModelState) {
    const { rows: k, cols: d } = state.centeredCenters;
    this.nClusters = k;
    this.dimension = d;
    this.centered = state.centeredCenters;
    this.offset = state.offset;
    this.centerNorms = rowSquaredNorms(state.centeredCenters);
    const centers = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++)
        centers[c * d + j] = this.centered.data[c * d + j]! + this.offset[j]!;
    }
    this.centers = createMatrix(k, d, centers);
    this.labels = state.labels;
    this.inertia = state.inertia;
    this.iterations = state.iterations;
    this.converged = state.converged;
    this.algorithm = state.algorithm;
    this.distanceComputations = state.distanceComputations;
    this.diagnostics = state.diagnostics;
  }

  /** Index of the nearest center for every row of X (lowest index on ties). */
  predict(X: MatrixInput): Int32Array {
    const matrix = this.check(X);
    const labels = new Int32Array(matrix.rows);
    labelRows(matrix, this.offset, this.centered, this.centerNorms, labels);
    return labels;
  }

  /** n x k Euclidean distances from every row of X to every center. */
  transform(X: MatrixInput): Matrix {
    const matrix = this.check(X);
    const k = this.nClusters;
    const out = new Float64Array(matrix.rows * k);
    forEachDistanceBlock(
      matrix,
      this.offset,
      this.centered,
      this.centerNorms,
      (distances, start, end) => {
        const count = (end - start) * k;
        for (let t = 0; t < count; t++) out[start * k + t] = Math.sqrt(distances[t]!);
      },
    );
    return createMatrix(matrix.rows, k, out);
  }

  /** Minus the (weighted) inertia of X under this model: higher is better, as in scikit-learn. */
  score(X: MatrixInput, sampleWeight?: ArrayLike<number>): number {
    const matrix = this.check(X);
    const n = matrix.rows;
    const weights = sampleWeight === undefined ? undefined : toWeights(sampleWeight, n);
    const labels = new Int32Array(n);
    const distances = new Float64Array(n);
    labelRows(matrix, this.offset, this.centered, this.centerNorms, labels, distances);
    let total = 0;
    for (let i = 0; i < n; i++) total += (weights === undefined ? 1 : weights[i]!) * distances[i]!;
    return -total;
  }

  toJSON(): JsonValue {
    const { nClusters: k, dimension: d } = this;
    const rows = (data: Float64Array): number[][] =>
      Array.from({ length: k }, (_, c) => Array.from(data.subarray(c * d, (c + 1) * d)));
    return {
      kind: KIND,
      version: VERSION,
      nClusters: k,
      dimension: d,
      algorithm: this.algorithm,
      centers: rows(this.centers.data),
      offset: Array.from(this.offset),
      centeredCenters: rows(this.centered.data),
      labels: Array.from(this.labels),
      inertia: this.inertia,
      iterations: this.iterations,
      converged: this.converged,
      distanceComputations: this.distanceComputations,
      diagnostics: diagnosticsToJson(this.diagnostics),
    };
  }

  /** Rebuilds a model from `toJSON()` output; predictions are bit-identical to the original's. */
  static fromJSON(json: unknown): KMeansModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const k = reader.number('nClusters');
    const d = reader.number('dimension');
    if (!Number.isInteger(k) || k < 1 || !Number.isInteger(d) || d < 1) {
      throw new InvalidInputError({ argument: 'json', value: `${k}x${d}` }, 'invalid shape');
    }
    const algorithm = reader.string('algorithm');
    if (!['lloyd', 'hamerly', 'elkan', 'mini-batch'].includes(algorithm)) {
      throw new InvalidInputError({ argument: 'json.algorithm', value: algorithm }, 'unknown');
    }
    const labels = reader.numbers('labels');
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (!Number.isInteger(label) || label < 0 || label >= k) {
        throw new InvalidInputError({ argument: 'json.labels', row: i, value: label }, 'bad label');
      }
    }
    return new KMeansModel({
      centeredCenters: createMatrix(k, d, reader.matrix('centeredCenters', k, d)),
      offset: reader.numbers('offset', d),
      labels: Int32Array.from(labels),
      inertia: reader.number('inertia'),
      iterations: reader.number('iterations'),
      converged: reader.boolean('converged'),
      algorithm: algorithm as KMeansModelAlgorithm,
      distanceComputations: reader.number('distanceComputations'),
      diagnostics: diagnosticsFromJson(reader.raw('diagnostics'), 'json.diagnostics'),
    });
  }

  private check(X: MatrixInput): Matrix {
    return toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
  }
}
