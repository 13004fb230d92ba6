import {
  type ClusteringModel,
  type FitDiagnostics,
  InvalidInputError,
  JsonReader,
  type JsonValue,
  type Matrix,
  type MatrixInput,
  NOISE,
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
import { SINGLE_PASS_DIAGNOSTICS } from './internal/singlePassDiagnostics.js';
import type { ClusterSelection } from './selectClusters.js';

/** What an `HdbscanModel` holds; built by `Hdbscan.fit` and `HdbscanModel.fromJSON`. */
export interface HdbscanModelState {
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** How clusters are selected from the condensed tree: 'eom' or 'leaf'. */
  readonly clusterSelection: ClusterSelection;
  /** The distance used. */
  readonly metric: Metric;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array;
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Membership strength of every training row in its cluster, in [0, 1]; 0 for noise. */
  readonly probabilities: Float64Array;
  /** GLOSH outlier score of every training row, in [0, 1] (higher: more outlying). */
  readonly outlierScores: Float64Array;
  /** Core distance of every training row (Infinity where undefined). */
  readonly coreDistances: Float64Array;
  /** Stability of each selected cluster, by label. */
  readonly clusterStabilities: Float64Array;
  /** The mutual-reachability single-linkage tree, SciPy layout ((n − 1) x 4, row-major). */
  readonly linkage: Float64Array;
  /** The training rows (for `predict`); undefined for precomputed distances. */
  readonly rows: Float64Array | undefined;
}

const KIND = 'mixkit.hdbscan-model';
const VERSION = 1;

/**
 * A fitted HDBSCAN clustering. `predict` follows R's `predict.hdbscan`: a new row takes the label
 * of its nearest clustered training row when it lies within that row's core distance (it would
 * be part of that row's dense neighbourhood), and is `NOISE` otherwise.
 */
export class HdbscanModel implements ClusteringModel {
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Number of columns of the rows (for precomputed distances: the number of rows). */
  readonly dimension: number;
  readonly diagnostics: FitDiagnostics = SINGLE_PASS_DIAGNOSTICS;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** How clusters are selected from the condensed tree: 'eom' or 'leaf'. */
  readonly clusterSelection: ClusterSelection;
  /** The distance used. */
  readonly metric: Metric;
  /** Label of every training row: a cluster index, or NOISE (-1) where the algorithm marks noise. */
  readonly labels: Int32Array;
  /** Membership strength of every training row in its cluster, in [0, 1]; 0 for noise. */
  readonly probabilities: Float64Array;
  /** GLOSH outlier score of every training row, in [0, 1] (higher: more outlying). */
  readonly outlierScores: Float64Array;
  /** Core distance of every training row (Infinity where undefined). */
  readonly coreDistances: Float64Array;
  /** Stability of each selected cluster, by label. */
  readonly clusterStabilities: Float64Array;
  /** The dendrogram in SciPy's linkage layout, (n − 1) x 4 row-major: [a, b, height, size]. */
  readonly linkage: Float64Array;
  private readonly rows: Float64Array | undefined;
  private clustered: { index: NeighborIndex; members: Int32Array; exponent: number } | undefined;

  constructor(state: HdbscanModelState) {
    this.minPts = state.minPts;
    this.clusterSelection = state.clusterSelection;
    this.metric = state.metric;
    this.dimension = state.dimension;
    this.labels = state.labels;
    this.nClusters = state.nClusters;
    this.probabilities = state.probabilities;
    this.outlierScores = state.outlierScores;
    this.coreDistances = state.coreDistances;
    this.clusterStabilities = state.clusterStabilities;
    this.linkage = state.linkage;
    this.rows = state.rows;
  }

  predict(X: MatrixInput): Int32Array {
    const Q = toMatrix(X, { argument: 'X', cols: this.dimension, allowEmpty: true });
    const out = new Int32Array(Q.rows).fill(NOISE);
    if (this.nClusters === 0 || Q.rows === 0) return out;
    if (this.rows === undefined) return this.predictPrecomputed(Q, out);
    const { index, members, exponent } = this.clusteredIndex();
    const prepared = index.prepareQueries(scaleByPowerOfTwo(Q, exponent), 'X');
    // Distances come in the fit's scaled units (see Hdbscan.fit); core distances were scaled
    // back, so they go forth again, exactly (cosine distances were never scaled).
    const forth = this.metric === 'cosine' ? 1 : 2 ** exponent;
    const heap = new KnnHeap(1);
    const nearest = new Int32Array(1);
    const distance = new Float64Array(1);
    for (let q = 0; q < prepared.rows; q++) {
      index.knnOfPoint(prepared.data, q * prepared.cols, heap, nearest, distance, 0, -1);
      const row = members[nearest[0]];
      if (distance[0] <= this.coreDistances[row] * forth) out[q] = this.labels[row];
    }
    return out;
  }

  toJSON(): JsonValue {
    return {
      kind: KIND,
      version: VERSION,
      minPts: this.minPts,
      clusterSelection: this.clusterSelection,
      metric: this.metric,
      dimension: this.dimension,
      nClusters: this.nClusters,
      labels: Array.from(this.labels),
      probabilities: numbersToJson(this.probabilities),
      outlierScores: numbersToJson(this.outlierScores),
      coreDistances: numbersToJson(this.coreDistances),
      clusterStabilities: numbersToJson(this.clusterStabilities),
      linkage: numbersToJson(this.linkage),
      rows: this.rows === undefined ? null : numbersToJson(this.rows),
    };
  }

  /** Rebuilds a model from `toJSON()` output exactly; throws InvalidInputError naming a malformed field. */
  static fromJSON(json: unknown): HdbscanModel {
    const reader = new JsonReader(json, 'json');
    reader.expectKind(KIND, VERSION);
    const metric = reader.string('metric');
    assertMetric(metric, 'json.metric');
    const selection = reader.string('clusterSelection');
    if (selection !== 'eom' && selection !== 'leaf') {
      throw new InvalidInputError(
        { argument: 'json.clusterSelection', value: selection },
        'unknown',
      );
    }
    const nClusters = reader.number('nClusters');
    const labels = reader.integers('labels', NOISE, nClusters - 1);
    const n = labels.length;
    const dimension = reader.number('dimension');
    const rows = reader.raw('rows');
    return new HdbscanModel({
      minPts: reader.number('minPts'),
      clusterSelection: selection,
      metric,
      dimension,
      labels,
      nClusters,
      probabilities: reader.numbers('probabilities', n),
      outlierScores: reader.numbers('outlierScores', n),
      coreDistances: reader.numbers('coreDistances', n),
      clusterStabilities: reader.numbers('clusterStabilities', nClusters),
      linkage: reader.numbers('linkage', Math.max(0, n - 1) * 4),
      rows: rows === null ? undefined : numbersFromJson(rows, 'json.rows', n * dimension),
    });
  }

  private clusteredIndex(): { index: NeighborIndex; members: Int32Array; exponent: number } {
    if (this.clustered === undefined) {
      const d = this.dimension;
      const rows = this.rows ?? new Float64Array(0);
      let count = 0;
      for (let i = 0; i < this.labels.length; i++) if (this.labels[i] !== NOISE) count++;
      const members = new Int32Array(count);
      const data = new Float64Array(count * d);
      for (let i = 0, m = 0; i < this.labels.length; i++) {
        if (this.labels[i] === NOISE) continue;
        members[m] = i;
        data.set(rows.subarray(i * d, i * d + d), m * d);
        m++;
      }
      // The power of two the fit chose from all training rows (its densityIndex).
      const exponent = powerOfTwoExponent(rows);
      const index = new NeighborIndex(scaleByPowerOfTwo({ rows: count, cols: d, data }, exponent), {
        metric: this.metric,
      });
      this.clustered = { index, members, exponent };
    }
    return this.clustered;
  }

  private predictPrecomputed(Q: Matrix, out: Int32Array): Int32Array {
    for (let q = 0; q < Q.rows; q++) {
      let best = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let i = 0; i < this.labels.length; i++) {
        if (this.labels[i] === NOISE) continue;
        const dist = Q.data[q * Q.cols + i];
        if (dist < 0)
          throw new InvalidInputError(
            { argument: 'X', row: q, column: i, value: dist },
            'distances must be >= 0',
          );
        if (dist < bestDistance) {
          best = i;
          bestDistance = dist;
        }
      }
      if (best >= 0 && bestDistance <= this.coreDistances[best]) out[q] = this.labels[best];
    }
    return out;
  }
}
