import {
  type Clusterer,
  drainShardProgram,
  type FitOptions,
  InvalidInputError,
  type IterationProgress,
  type MatrixInput,
  NOISE,
  runShardProgram,
  type ShardProgram,
} from '@mixkit/core';
import { linkageFromMerges, primSpanningPathProgram } from '@mixkit/hierarchical';
import { condensedTree } from './condensedTree.js';
import { coreDistancesProgram } from './coreDistances.js';
import { HdbscanModel } from './hdbscanModel.js';
import { type DensityIndexOptions, densityIndex } from './internal/densityIndex.js';
import { type ClusterSelection, selectClusters } from './selectClusters.js';

export interface HdbscanOptions extends DensityIndexOptions {
  /**
   * Both the neighbourhood size of the core distance (the row itself counted) and the minimum
   * cluster size, as in R's `hdbscan(x, minPts)`. Default 5; at least 2.
   */
  readonly minPts?: number;
  /** `'eom'` (excess of mass, default) or `'leaf'`. */
  readonly clusterSelection?: ClusterSelection;
}

/**
 * HDBSCAN* (Campello, Moulavi & Sander 2013; 2015 for GLOSH), matching R's `dbscan::hdbscan`:
 * 1. core distances from the neighbour index (KD-tree in low dimensions: no n x n matrix);
 * 2. a minimum spanning tree of mutual reachability distances by Prim's algorithm with distances
 *    computed on the fly (`primSpanningPath` of `@mixkit/hierarchical`): O(n²) time, O(n) memory;
 * 3. its single-linkage merges (stable sort by height), the condensed tree and stabilities
 *    (`condensedTree`), and the selected clusters (`selectClusters`).
 *
 * Labels: clusters numbered in R's order of selection, `NOISE` (-1) for rows in no selected
 * cluster. `probabilities`: R's membership strength (max core − core) / max core within the
 * row's cluster (1 when every core distance in it is 0), 0 for noise. `outlierScores`: GLOSH.
 */
export class Hdbscan implements Clusterer<HdbscanModel> {
  /** Always undefined: the fit finds the number of clusters (see `Clusterer.nClusters`). */
  readonly nClusters = undefined;
  /** Rows (the row itself counted) that make a neighbourhood dense. */
  readonly minPts: number;
  /** How clusters are selected from the condensed tree: 'eom' or 'leaf'. */
  readonly clusterSelection: ClusterSelection;
  /** The neighbour-index settings (metric and route). */
  readonly indexOptions: DensityIndexOptions;

  constructor(options: HdbscanOptions = {}) {
    this.minPts = options.minPts ?? 5;
    const selection = options.clusterSelection ?? 'eom';
    if (selection !== 'eom' && selection !== 'leaf') {
      throw new InvalidInputError(
        { argument: 'clusterSelection', value: selection },
        "expected 'eom' or 'leaf'",
      );
    }
    this.clusterSelection = selection;
    this.indexOptions = {
      metric: options.metric ?? 'euclidean',
      algorithm: options.algorithm ?? 'auto',
    };
  }

  /** Fits in the caller's thread (`signal` is checked every few hundred rows). */
  fit(X: MatrixInput, options: FitOptions = {}): HdbscanModel {
    return drainShardProgram(this.program(X, options, options.signal));
  }

  /**
   * `fit`, yielding to the event loop on a 25 ms budget, so that `signal` stops it (with
   * `AbortedError`) within about 100 ms and timers run during the fit. Same result, bit for
   * bit, as `fit`. The fit runs in the caller's thread: `executor` is not used.
   */
  fitAsync(X: MatrixInput, options: FitOptions = {}): Promise<HdbscanModel> {
    return runShardProgram(this.program(X, options, options.signal), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'Hdbscan.fit',
    });
  }

  /** The fit as a shard program (what `fit` and `fitAsync` drive; see core's `Clusterer`). */
  fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
  ): ShardProgram<IterationProgress, HdbscanModel> {
    return this.program(X, options, undefined);
  }

  private *program(
    X: MatrixInput,
    options: FitOptions,
    signal: AbortSignal | undefined,
  ): ShardProgram<IterationProgress, HdbscanModel> {
    if (options.sampleWeight !== undefined) {
      throw new InvalidInputError(
        { argument: 'sampleWeight' },
        'HDBSCAN does not take sample weights',
      );
    }
    // The tree is built on distances times 2^exponent (exact, and 0 for ordinary data), since
    // HDBSCAN has no parameter in the data's units; distances are scaled back for the model,
    // and lambdas (1 / distance), hence stabilities, the other way.
    const { matrix, index, exponent } = densityIndex(
      X,
      this.minPts,
      2,
      this.indexOptions,
      'power-of-two',
    );
    const n = matrix.rows;
    const core = yield* coreDistancesProgram(index, this.minPts, Number.POSITIVE_INFINITY, signal);
    // Prim over mutual reachability distances, in R's step order and orientation (the added
    // vertex on the left), so merges at equal heights come out as R's.
    const path = yield* primSpanningPathProgram(index, core, signal);
    const merges = linkageFromMerges(n, path.added, path.previous, path.weight);
    const tree = condensedTree(n, merges.merge, merges.height, this.minPts);
    const selected = selectClusters(tree, this.clusterSelection);
    const labels = new Int32Array(n).fill(NOISE);
    // A selected cluster owns the rows that leave from it or from any cluster below it.
    const owner = new Int32Array(tree.clusterCount).fill(NOISE);
    selected.forEach((c, label) => {
      owner[c] = label;
    });
    for (let c = 1; c < tree.clusterCount; c++) {
      // Children have higher ids than their parent, so one ascending pass propagates owners.
      if (tree.left[c] >= 0 && owner[c] !== NOISE) {
        owner[tree.left[c]] = owner[c];
        owner[tree.right[c]] = owner[c];
      }
    }
    for (let p = 0; p < n; p++) labels[p] = owner[tree.rowCluster[p]];
    const probabilities = membershipProbabilities(labels, core, selected.length);
    const stabilities = new Float64Array(selected.length);
    selected.forEach((c, label) => {
      stabilities[label] = tree.stability[c];
    });
    if (exponent !== 0 && index.metric !== 'cosine') {
      const back = 2 ** -exponent;
      for (let p = 0; p < n; p++) core[p] *= back;
      for (let t = 2; t < merges.linkage.length; t += 4) merges.linkage[t] *= back;
      const forth = 2 ** exponent;
      for (let c = 0; c < stabilities.length; c++) stabilities[c] *= forth;
    }
    return new HdbscanModel({
      minPts: this.minPts,
      clusterSelection: this.clusterSelection,
      metric: index.metric,
      dimension: matrix.cols,
      labels,
      nClusters: selected.length,
      probabilities,
      outlierScores: tree.outlierScores,
      coreDistances: core,
      clusterStabilities: stabilities,
      linkage: merges.linkage,
      rows: index.metric === 'precomputed' ? undefined : matrix.data,
    });
  }

  /** Fits and returns the training labels: `fit(X, options).labels`. */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).labels;
  }
}

/** R's membership strength: (max core − core) / max core over each cluster's rows. */
function membershipProbabilities(labels: Int32Array, core: Float64Array, k: number): Float64Array {
  const maxCore = new Float64Array(k);
  for (let p = 0; p < labels.length; p++) {
    const c = labels[p];
    if (c !== NOISE && core[p] > maxCore[c]) maxCore[c] = core[p];
  }
  const out = new Float64Array(labels.length);
  for (let p = 0; p < labels.length; p++) {
    const c = labels[p];
    if (c === NOISE) continue;
    out[p] = maxCore[c] > 0 ? (maxCore[c] - core[p]) / maxCore[c] : 1;
  }
  return out;
}
