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
  toWeights,
} from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { JsonReader } from './internal/jsonReader.js';
import { timesPowerOfTwo } from './internal/powerOfTwo.js';
import { fromFrame } from './internal/scaledFrame.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';
import { forEachDistanceBlock, labelRows } from './labelRows.js';

/** How a `KMeansModel` was fitted. */
export type KMeansModelAlgorithm = ResolvedKMeansAlgorithm | 'mini-batch';

/**
 * The coordinates a model computes in: a row x becomes x · scale − offset. `scale` is a power of
 * two, 1 unless the training data's magnitude was extreme (near 1e300 or 1e-300).
 */
export interface KMeansFrame {
  /** The power of two rows are multiplied by. */
  readonly scale: number;
  /** The centering, in scaled units (length d); zeros for uncentered data. */
  readonly offset: Float64Array;
}

/** Everything a `KMeansModel` holds; what `KMeans.fit` and `KMeansModel.fromJSON` build it from. */
export interface KMeansModelState {
  /** k x d centers in the frame: center · scale − offset. */
  readonly centeredCenters: Matrix;
  /** The training data's frame. */
  readonly frame: KMeansFrame;
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
/** Version 2 adds `scale`; version 1 documents load with scale 1. */
const VERSION = 2;
const algorithms: readonly KMeansModelAlgorithm[] = [
  'lloyd',
  'hamerly',
  'elkan',
  'yinyang',
  'mini-batch',
];

/**
 * A fitted k-means model: centers, training labels and inertia, with `predict`, `transform` and
 * `score` on new data. Distances are computed in the training data's frame (rows times `scale`,
 * minus `offset`), exactly as during fitting, so `predict(Xtrain)` reproduces `labels`.
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
  private readonly frame: KMeansFrame;
  private readonly centerNorms: Float64Array;

  constructor(state: KMeansModelState) {
    const { rows: k, cols: d } = state.centeredCenters;
    this.nClusters = k;
    this.dimension = d;
    this.centered = state.centeredCenters;
    this.frame = state.frame;
    this.centerNorms = rowSquaredNorms(state.centeredCenters);
    this.centers = createMatrix(k, d, fromFrame(state.centeredCenters, state.frame));
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
    labelRows(matrix, this.frame, this.centered, this.centerNorms, labels);
    return labels;
  }

  /** n x k Euclidean distances from every row of X to every center. */
  transform(X: MatrixInput): Matrix {
    const matrix = this.check(X);
    const k = this.nClusters;
    const out = new Float64Array(matrix.rows * k);
    const scale = this.frame.scale;
    forEachDistanceBlock(
      matrix,
      this.frame,
      this.centered,
      this.centerNorms,
      (distances, start, end) => {
        const count = (end - start) * k;
        for (let t = 0; t < count; t++) out[start * k + t] = Math.sqrt(distances[t]) / scale;
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
    labelRows(matrix, this.frame, this.centered, this.centerNorms, labels, distances);
    let total = 0;
    for (let i = 0; i < n; i++) total += (weights === undefined ? 1 : weights[i]) * distances[i];
    // Distances are in the frame's units: back to the data's by 1 / scale².
    return -timesPowerOfTwo(total, -2 * Math.log2(this.frame.scale));
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
      scale: this.frame.scale,
      offset: Array.from(this.frame.offset),
      centeredCenters: rows(this.centered.data),
      labels: Array.from(this.labels),
      inertia: this.inertia,
      iterations: this.iterations,
      converged: this.converged,
      distanceComputations: this.distanceComputations,
      diagnostics: fitDiagnosticsToJson(this.diagnostics),
    };
  }

  /**
   * Rebuilds a model from `toJSON()`; predictions are bit-identical to the original's. Every
   * field is checked (types, shapes, finiteness, labels in range, a power-of-two scale, and
   * `centers` equal to the centers `centeredCenters`, `offset` and `scale` give, which is what
   * predictions use); a problem is an `InvalidInputError` naming the field (`json.centers`,
   * with its row and column).
   */
  static fromJSON(json: unknown): KMeansModel {
    const reader = new JsonReader(json, 'json');
    const version = reader.expectKind(KIND, [1, VERSION]);
    const k = reader.integer('nClusters', 1);
    const d = reader.integer('dimension', 1);
    const algorithm = reader.oneOf('algorithm', algorithms);
    const scale = version === 1 ? 1 : reader.number('scale');
    if (!(scale > 0) || 2 ** Math.round(Math.log2(scale)) !== scale) {
      throw new InvalidInputError(
        { argument: 'json.scale', value: scale },
        'expected a power of two',
      );
    }
    const frame: KMeansFrame = { scale, offset: reader.numbers('offset', d) };
    const centeredCenters = createMatrix(k, d, reader.matrix('centeredCenters', k, d));
    const centers = reader.matrix('centers', k, d);
    const derived = fromFrame(centeredCenters, frame);
    for (let t = 0; t < k * d; t++) {
      if (!Object.is(centers[t], derived[t])) {
        throw new InvalidInputError(
          { argument: 'json.centers', row: Math.floor(t / d), column: t % d, value: centers[t] },
          `disagrees with (centeredCenters + offset) / scale = ${derived[t]}, which predictions use: change centeredCenters to move a center`,
        );
      }
    }
    return new KMeansModel({
      centeredCenters,
      frame,
      labels: reader.indices('labels', k),
      inertia: reader.number('inertia', 0),
      iterations: reader.integer('iterations'),
      converged: reader.boolean('converged'),
      algorithm,
      distanceComputations: reader.integer('distanceComputations'),
      diagnostics: fitDiagnosticsFromJson(reader.raw('diagnostics'), 'json.diagnostics'),
    });
  }

  private check(X: MatrixInput): Matrix {
    return toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
  }
}
