import {
  type ClusteringModel,
  type FitDiagnostics,
  InvalidInputError,
  JsonReader,
  type JsonValue,
  type MatrixInput,
  numbersFromJson,
  numbersToJson,
  toMatrix,
} from '@mixkit/core';
import {
  assertMetric,
  KnnHeap,
  type Metric,
  NeighborIndex,
  powerOfTwoExponent,
  scaleByPowerOfTwo,
} from '@mixkit/neighbors';
import { type Cut, cutTree } from './cutTree.js';
import { assertLinkageMethod, type LinkageMethod } from './linkageMethod.js';

/** What an `AgglomerativeModel` holds; built by the fit and by `fromJSON`. */
export interface AgglomerativeModelState {
  /** The linkage the tree was built with. */
  readonly linkageMethod: LinkageMethod;
  /** The distance used. */
  readonly metric: Metric;
  /** SciPy layout, (n − 1) x 4 row-major. */
  readonly linkage: Float64Array;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array;
  /** Training rows, for `predict` (undefined with precomputed distances). */
  readonly rows: Float64Array | undefined;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
}

const KIND = 'mixkit.agglomerative-model';
const VERSION = 1;

/** Diagnostics of a single-pass algorithm: converged, no iterations, no objective, no warnings. */
const DIAGNOSTICS: FitDiagnostics = Object.freeze({
  converged: true,
  iterations: 0,
  objective: Object.freeze([]) as readonly number[],
  bestRestart: 0,
  restartObjectives: Object.freeze([]) as readonly number[],
  warnings: Object.freeze([]) as readonly never[],
});

/**
 * A fitted dendrogram and its flat cut. `linkage` is SciPy's layout; `cut()` re-cuts without a
 * refit. Agglomerative clustering defines no rule for new rows; `predict` gives each new row the
 * label of its nearest training row (ties: the lower row), which for single linkage is the
 * cluster it would join first. With precomputed distances a new row is its distances to the
 * training rows.
 */
export class AgglomerativeModel implements ClusteringModel {
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
  readonly diagnostics: FitDiagnostics = DIAGNOSTICS;
  /** The linkage the tree was built with. */
  readonly linkageMethod: LinkageMethod;
  /** The distance used. */
  readonly metric: Metric;
  /** The dendrogram in SciPy's linkage layout, (n − 1) x 4 row-major: [a, b, height, size]. */
  readonly linkage: Float64Array;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array;
  private readonly rows: Float64Array | undefined;
  private index: NeighborIndex | undefined;
  private exponent = 0;

  constructor(state: AgglomerativeModelState) {
    this.linkageMethod = state.linkageMethod;
    this.metric = state.metric;
    this.linkage = state.linkage;
    this.labels = state.labels;
    this.rows = state.rows;
    this.dimension = state.dimension;
    let k = 0;
    for (const label of state.labels) if (label + 1 > k) k = label + 1;
    this.nClusters = k;
  }

  /** Heights of the merges, in linkage order. */
  get heights(): Float64Array {
    const m = this.linkage.length / 4;
    const out = new Float64Array(m);
    for (let k = 0; k < m; k++) out[k] = this.linkage[4 * k + 2];
    return out;
  }

  /** The same dendrogram cut differently. */
  cut(cut: Cut): AgglomerativeModel {
    const labels = cutTree(this.linkage, this.labels.length, cut);
    return new AgglomerativeModel({ ...this.state(), labels });
  }

  predict(X: MatrixInput): Int32Array {
    const Q = toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
    const out = new Int32Array(Q.rows);
    if (Q.rows === 0) return out;
    if (this.rows === undefined) {
      for (let q = 0; q < Q.rows; q++) {
        let best = 0;
        for (let i = 0; i < this.labels.length; i++) {
          const dist = Q.data[q * Q.cols + i];
          if (dist < 0)
            throw new InvalidInputError(
              { argument: 'X', row: q, column: i, value: dist },
              'distances must be >= 0',
            );
          if (dist < Q.data[q * Q.cols + best]) best = i;
        }
        out[q] = this.labels[best];
      }
      return out;
    }
    if (this.index === undefined) {
      // The training rows and the queries times the power of two the fit used (see
      // linkageMatrix), so distances near 1e300 or 1e-300 neither overflow nor tie at 0.
      const rows = { rows: this.labels.length, cols: this.dimension, data: this.rows };
      this.exponent = powerOfTwoExponent(this.rows);
      this.index = new NeighborIndex(scaleByPowerOfTwo(rows, this.exponent), {
        metric: this.metric,
      });
    }
    const prepared = this.index.prepareQueries(scaleByPowerOfTwo(Q, this.exponent), 'X');
    const heap = new KnnHeap(1);
    const nearest = new Int32Array(1);
    const distance = new Float64Array(1);
    for (let q = 0; q < prepared.rows; q++) {
      this.index.knnOfPoint(prepared.data, q * prepared.cols, heap, nearest, distance, 0, -1);
      out[q] = this.labels[nearest[0]];
    }
    return out;
  }

  toJSON(): JsonValue {
    return {
      kind: KIND,
      version: VERSION,
      linkageMethod: this.linkageMethod,
      metric: this.metric,
      dimension: this.dimension,
      linkage: numbersToJson(this.linkage),
      labels: Array.from(this.labels),
      rows: this.rows === undefined ? null : numbersToJson(this.rows),
    };
  }

  /** Rebuilds a model from `toJSON()` output exactly; throws InvalidInputError naming a malformed field. */
  static fromJSON(json: unknown): AgglomerativeModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const linkageMethod = reader.string('linkageMethod');
    assertLinkageMethod(linkageMethod, 'json.linkageMethod');
    const metric = reader.string('metric');
    assertMetric(metric, 'json.metric');
    const labels = reader.integers('labels', 0, Number.MAX_SAFE_INTEGER);
    const n = labels.length;
    const dimension = reader.number('dimension');
    const rows = reader.raw('rows');
    return new AgglomerativeModel({
      linkageMethod,
      metric,
      dimension,
      labels,
      linkage: reader.numbers('linkage', Math.max(0, n - 1) * 4),
      rows: rows === null ? undefined : numbersFromJson(rows, 'json.rows', n * dimension),
    });
  }

  private state(): AgglomerativeModelState {
    return {
      linkageMethod: this.linkageMethod,
      metric: this.metric,
      linkage: this.linkage,
      labels: this.labels,
      rows: this.rows,
      dimension: this.dimension,
    };
  }
}
