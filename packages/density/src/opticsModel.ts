import {
  assertNumber,
  type ClusteringModel,
  type FitDiagnostics,
  JsonReader,
  type JsonValue,
  type MatrixInput,
  NOISE,
  numbersFromJson,
  numbersToJson,
  toMatrix,
} from '@mixkit/core';
import { assertMetric, type Metric } from '@mixkit/neighbors';
import { extractDbscanLabels } from './extractDbscanLabels.js';
import { nearestReachableLabel } from './internal/nearestReachableLabel.js';
import { SINGLE_PASS_DIAGNOSTICS } from './internal/singlePassDiagnostics.js';

/** What an `OpticsModel` holds; built by `Optics.fit` and `OpticsModel.fromJSON`. */
export interface OpticsModelState {
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** Neighbourhood radius. */
  readonly eps: number;
  /** The distance used. */
  readonly metric: Metric;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
  /** Rows in OPTICS processing order. */
  readonly order: Int32Array;
  /** Reachability distance of every row, in row order (Infinity where undefined). */
  readonly reachability: Float64Array;
  /** Core distance of every training row (Infinity where undefined). */
  readonly coreDistances: Float64Array;
  /** The radius of the extracted flat clustering, if any. */
  readonly epsCluster: number | undefined;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array | undefined;
  /** The training rows (for `predict`); omitted for precomputed distances. */
  readonly rows?: Float64Array | undefined;
}

const KIND = 'mixkit.optics-model';
const VERSION = 1;

/**
 * A fitted OPTICS ordering: `order` (rows in processing order), `reachability` and
 * `coreDistances` (in row order; `Infinity` where undefined), the data of a reachability plot
 * (`reachability` read in `order`). `extractDbscan(epsCluster)` returns a model with the flat
 * DBSCAN-like clustering at that radius; until then `labels` are all `NOISE` and `nClusters` 0.
 */
export class OpticsModel implements ClusteringModel {
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
  readonly diagnostics: FitDiagnostics = SINGLE_PASS_DIAGNOSTICS;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** Neighbourhood radius. */
  readonly eps: number;
  /** The distance used. */
  readonly metric: Metric;
  /** Rows in OPTICS processing order. */
  readonly order: Int32Array;
  /** Reachability distance of every row, in row order (Infinity where undefined). */
  readonly reachability: Float64Array;
  /** Core distance of every training row (Infinity where undefined). */
  readonly coreDistances: Float64Array;
  /** Radius of the extracted flat clustering (undefined: none extracted yet). */
  readonly epsCluster: number | undefined;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array;
  private readonly rows: Float64Array | undefined;

  constructor(state: OpticsModelState) {
    this.minPts = state.minPts;
    this.eps = state.eps;
    this.metric = state.metric;
    this.dimension = state.dimension;
    this.order = state.order;
    this.reachability = state.reachability;
    this.coreDistances = state.coreDistances;
    this.epsCluster = state.epsCluster;
    this.rows = state.rows;
    this.labels = state.labels ?? new Int32Array(state.order.length).fill(NOISE);
    let k = 0;
    for (let i = 0; i < this.labels.length; i++) if (this.labels[i] + 1 > k) k = this.labels[i] + 1;
    this.nClusters = k;
  }

  /** Reachability in processing order: the reachability plot's bars, left to right. */
  reachabilityPlot(): Float64Array {
    const out = new Float64Array(this.order.length);
    for (let t = 0; t < out.length; t++) out[t] = this.reachability[this.order[t]];
    return out;
  }

  /** A model with the DBSCAN clustering at radius `epsCluster` (see `extractDbscanLabels`). */
  extractDbscan(epsCluster: number): OpticsModel {
    assertNumber(epsCluster, 'epsCluster', { min: 0 });
    const { labels } = extractDbscanLabels(
      this.order,
      this.reachability,
      this.coreDistances,
      epsCluster,
    );
    return new OpticsModel({ ...this.state(), epsCluster, labels });
  }

  /**
   * Labels new rows as R's `predict.optics` does: the label of the nearest non-noise training row
   * within `epsCluster`, else `NOISE` (all `NOISE` before an extraction).
   */
  predict(X: MatrixInput): Int32Array {
    const Q = toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
    if (this.epsCluster === undefined) return new Int32Array(Q.rows).fill(NOISE);
    return nearestReachableLabel(
      Q,
      this.labels,
      this.rows,
      this.dimension,
      this.metric,
      this.epsCluster,
    );
  }

  toJSON(): JsonValue {
    return {
      kind: KIND,
      version: VERSION,
      minPts: this.minPts,
      eps: Number.isFinite(this.eps) ? this.eps : 'Infinity',
      metric: this.metric,
      dimension: this.dimension,
      order: Array.from(this.order),
      reachability: numbersToJson(this.reachability),
      coreDistances: numbersToJson(this.coreDistances),
      epsCluster: this.epsCluster ?? null,
      labels: Array.from(this.labels),
      rows: this.rows === undefined ? null : numbersToJson(this.rows),
    };
  }

  /** Rebuilds a model from `toJSON()` output exactly; throws InvalidInputError naming a malformed field. */
  static fromJSON(json: unknown): OpticsModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const metric = reader.string('metric');
    assertMetric(metric, 'json.metric');
    const order = reader.integers('order', 0, Number.MAX_SAFE_INTEGER);
    const n = order.length;
    const epsCluster = reader.raw('epsCluster');
    const rows = reader.raw('rows');
    const dimension = reader.number('dimension');
    return new OpticsModel({
      minPts: reader.number('minPts'),
      eps: reader.raw('eps') === 'Infinity' ? Number.POSITIVE_INFINITY : reader.number('eps'),
      metric,
      dimension,
      order,
      reachability: reader.numbers('reachability', n),
      coreDistances: reader.numbers('coreDistances', n),
      epsCluster: epsCluster === null ? undefined : reader.number('epsCluster'),
      labels: reader.integers('labels', NOISE, n - 1, n),
      rows: rows === null ? undefined : numbersFromJson(rows, 'json.rows', n * dimension),
    });
  }

  private state(): OpticsModelState {
    return {
      minPts: this.minPts,
      eps: this.eps,
      metric: this.metric,
      dimension: this.dimension,
      order: this.order,
      reachability: this.reachability,
      coreDistances: this.coreDistances,
      epsCluster: this.epsCluster,
      labels: this.labels,
      rows: this.rows,
    };
  }
}
