import {
  type ClusteringModel,
  type FitDiagnostics,
  InvalidInputError,
  JsonReader,
  type JsonValue,
  type MatrixInput,
  NOISE,
  numbersToJson,
  toMatrix,
} from '@mixkit/core';
import {
  assertMetric,
  type Metric,
  NeighborBuffer,
  NeighborIndex,
  powerOfTwoExponent,
  scaleByPowerOfTwo,
} from '@mixkit/neighbors';
import { SINGLE_PASS_DIAGNOSTICS } from './internal/singlePassDiagnostics.js';

/** What a `DbscanModel` holds; built by `Dbscan.fit` and `DbscanModel.fromJSON`. */
export interface DbscanModelState {
  /** Neighbourhood radius. */
  readonly eps: number;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** The distance used. */
  readonly metric: Metric;
  /** Columns of the training rows (for `'precomputed'`: the number of training rows). */
  readonly dimension: number;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array;
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Training rows that are core samples, ascending. */
  readonly coreSampleIndices: Int32Array;
  /** Those rows' values (core samples x dimension; empty for `'precomputed'`), for `predict`. */
  readonly coreRows: Float64Array;
}

const KIND = 'mixkit.dbscan-model';
const VERSION = 1;

/**
 * A fitted DBSCAN clustering. `predict` gives a new row the label of its nearest core sample
 * within `eps` (the cluster it would be a border row of), or `NOISE`; this is R's
 * `predict.dbscan_fast` rule, restricted to core samples as scikit-learn keeps them.
 * With `'precomputed'` distances, a new row is its distances to every training row.
 */
export class DbscanModel implements ClusteringModel {
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
  readonly diagnostics: FitDiagnostics = SINGLE_PASS_DIAGNOSTICS;
  /** Neighbourhood radius. */
  readonly eps: number;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** The distance used. */
  readonly metric: Metric;
  /** Label of every training row: a cluster in [0, nClusters) or `NOISE` (-1). */
  readonly labels: Int32Array;
  /** Training rows that are core samples, ascending. */
  readonly coreSampleIndices: Int32Array;
  private readonly coreRows: Float64Array;
  private coreIndex: { index: NeighborIndex; exponent: number } | undefined;

  constructor(state: DbscanModelState) {
    this.eps = state.eps;
    this.minPts = state.minPts;
    this.metric = state.metric;
    this.dimension = state.dimension;
    this.labels = state.labels;
    this.nClusters = state.nClusters;
    this.coreSampleIndices = state.coreSampleIndices;
    this.coreRows = state.coreRows;
  }

  predict(X: MatrixInput): Int32Array {
    const Q = toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
    const out = new Int32Array(Q.rows).fill(NOISE);
    const cores = this.coreSampleIndices.length;
    if (cores === 0 || Q.rows === 0) return out;
    if (this.metric === 'precomputed') {
      // A new row is its distances to the training rows: read the core samples' columns.
      for (let q = 0; q < Q.rows; q++) {
        let best = -1;
        let bestDistance = this.eps;
        for (let c = 0; c < cores; c++) {
          const dist = Q.data[q * Q.cols + this.coreSampleIndices[c]];
          if (dist < 0) {
            throw new InvalidInputError(
              { argument: 'X', row: q, value: dist },
              'distances must be >= 0',
            );
          }
          if (dist < bestDistance || (best < 0 && dist === bestDistance)) {
            best = c;
            bestDistance = dist;
          }
        }
        if (best >= 0) out[q] = this.labels[this.coreSampleIndices[best]];
      }
      return out;
    }
    // Core rows, queries and eps times the power of two that brings the core rows near 1
    // (exact), so squared distances near 1e300 or 1e-300 neither overflow nor underflow.
    const { index, exponent } = this.index();
    const prepared = index.prepareQueries(scaleByPowerOfTwo(Q, exponent), 'X');
    const eps = this.metric === 'cosine' ? this.eps : this.eps * 2 ** exponent;
    const buffer = new NeighborBuffer();
    for (let q = 0; q < prepared.rows; q++) {
      buffer.clear();
      index.radiusOfPoint(prepared.data, q * prepared.cols, eps, buffer, -1);
      let best = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let j = 0; j < buffer.count; j++) {
        const c = buffer.indices[j];
        const dist = buffer.distances[j];
        if (dist < bestDistance || (dist === bestDistance && c < best)) {
          best = c;
          bestDistance = dist;
        }
      }
      if (best >= 0) out[q] = this.labels[this.coreSampleIndices[best]];
    }
    return out;
  }

  toJSON(): JsonValue {
    return {
      kind: KIND,
      version: VERSION,
      eps: this.eps,
      minPts: this.minPts,
      metric: this.metric,
      dimension: this.dimension,
      nClusters: this.nClusters,
      labels: Array.from(this.labels),
      coreSampleIndices: Array.from(this.coreSampleIndices),
      coreRows: numbersToJson(this.coreRows),
    };
  }

  /** Rebuilds a model from `toJSON()` output exactly; throws InvalidInputError naming a malformed field. */
  static fromJSON(json: unknown): DbscanModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const metric = reader.string('metric');
    assertMetric(metric, 'json.metric');
    const dimension = reader.number('dimension');
    const nClusters = reader.number('nClusters');
    const labels = reader.integers('labels', NOISE, nClusters - 1);
    const coreSampleIndices = reader.integers('coreSampleIndices', 0, labels.length - 1);
    const coreRows = reader.numbers(
      'coreRows',
      metric === 'precomputed' ? 0 : coreSampleIndices.length * dimension,
    );
    if (metric === 'precomputed' && dimension !== labels.length) {
      throw new InvalidInputError(
        { argument: 'json.dimension', value: dimension },
        'expected one column per training row',
      );
    }
    return new DbscanModel({
      eps: reader.number('eps'),
      minPts: reader.number('minPts'),
      metric,
      dimension,
      labels,
      nClusters,
      coreSampleIndices,
      coreRows,
    });
  }

  /** The index over core samples (built on first use; not for precomputed distances). */
  private index(): { index: NeighborIndex; exponent: number } {
    if (this.coreIndex === undefined) {
      const rows = this.coreSampleIndices.length;
      const exponent = powerOfTwoExponent(this.coreRows);
      const index = new NeighborIndex(
        scaleByPowerOfTwo({ rows, cols: this.dimension, data: this.coreRows }, exponent),
        { metric: this.metric },
      );
      this.coreIndex = { index, exponent };
    }
    return this.coreIndex;
  }
}
