import {
  assertInteger,
  closeShards,
  drainShardProgram,
  InvalidInputError,
  type MatrixInput,
  mapShards,
  openShards,
  planShards,
  type RandomInput,
  type ShardProgram,
  sampleWithoutReplacement,
  takeRows,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import {
  type GaussianModelName,
  type GaussianModelOptions,
  type GaussianModelParams,
  gaussianModel,
  gaussianModelNames,
} from '@mixkit/distributions';
import { MixtureModel } from '@mixkit/em';
import {
  type ModelBasedHierarchicalOptions,
  modelBasedHierarchical,
} from '../hierarchical/modelBasedHierarchical.js';
import { formatMclustBic, summarizeMclustBic } from './formatMclustBic.js';
import type { MclustCandidate } from './mclustCandidate.js';
import {
  type MclustCell,
  type MclustCellLocal,
  type MclustCellModel,
  mclustCellTask,
} from './mclustCellTask.js';
import type { MclustEmControl } from './mclustEm.js';
import { mclustParameterCount } from './mclustParameterCount.js';

/** Rows of mclust's default agglomeration subset (`mclust.options("subset")`, 2000). */
export const MCLUST_SUBSET_SIZE = 2000;

/** Options of `mclust`: the grid, the initialisation and EM's control, as `Mclust()`'s. */
export interface MclustOptions extends MclustEmControl, GaussianModelOptions {
  /**
   * Rows the hierarchical initialisation runs on (mclust's `initialization$subset`): 0-based row
   * indices, distinct, in any order; or `'all'`. Default: all rows up to `subsetSize` rows, and
   * above that `subsetSize` rows drawn at random from `random`, as `Mclust()` draws them (the
   * agglomeration needs O(m²) memory and time for m rows).
   */
  readonly subset?: ArrayLike<number> | 'all';
  /** The most rows the default subset keeps (`mclust.options("subset")`). Default `MCLUST_SUBSET_SIZE`. */
  readonly subsetSize?: number;
  /** Draws the default subset (a seed or a source). Default seed 0. */
  readonly random?: RandomInput;
  /** Numbers of components tried (`G`). Default 1..9. */
  readonly nClusters?: readonly number[];
  /** Models tried (`modelNames`). Default all fourteen, in mclust's order. */
  readonly modelNames?: readonly GaussianModelName[];
  /** The hierarchical initialisation (mclust's `hc(modelName = "VVV", use = "SVD")` by default). */
  readonly hierarchical?: ModelBasedHierarchicalOptions;
}

/** `Mclust()`'s result: the BIC table and the model with the highest BIC. */
export interface MclustResult {
  /** Every (model, G) of the grid, G-major in the order given. */
  readonly candidates: readonly MclustCandidate[];
  /** The numbers of components of the grid (mclust's G). */
  readonly nClusters: readonly number[];
  /** The models of the grid, in the order tried. */
  readonly modelNames: readonly GaussianModelName[];
  /** The chosen cell (highest BIC; ties to the earlier model, then the smaller G, as mclust). */
  readonly best: MclustCandidate;
  /** The chosen cell's fitted mixture. */
  readonly model: MixtureModel<GaussianModelParams>;
  /** The table as R prints an `mclustBIC` object. */
  table(): string;
  /** The top three as R prints `summary(mclustBIC)`. */
  summary(): string;
}

/**
 * Model selection as mclust's `Mclust()`: the agglomeration of `modelBasedHierarchical` once,
 * then for every G and model one `mclustEm` run from the G-group partition, scored by mclust's
 * BIC (2·ℓ − npar·log n, higher is better). The fitted model of the best cell is returned with
 * the whole table. For data of more than `subsetSize` (2000) rows the agglomeration runs on a
 * random subset of that many rows, and each cell starts as mclust's does then (one M-step on the
 * subset, EM on all rows from its E-step); `subset` names the rows instead, or `'all'`. The
 * default subset is drawn from `random` (seed 0), so runs repeat bit for bit; mclust draws it
 * from R's generator. `mclustAsync` runs the same grid on an executor's workers, with the same
 * result.
 */
export function mclust(X: MatrixInput, options: MclustOptions = {}): MclustResult {
  return drainShardProgram(mclustProgram(X, options, 0));
}

/**
 * `mclust` as a shard program (what `mclust` and `mclustAsync` drive): the agglomeration in the
 * fit's thread, then the grid's cells as shards of `mclustCellTask`, one independent fit each.
 * `workers` (the executor's) only orders the shards so that each worker's contiguous run of them
 * holds every `workers`-th cell, G-major, and so about the same share of small and large G; the
 * table is assembled in grid order, so the result is the same bits for any number of workers.
 */
export function* mclustProgram(
  X: MatrixInput,
  options: MclustOptions,
  workers: number,
): ShardProgram<never, MclustResult> {
  const data = toMatrix(X);
  const nClusters = options.nClusters ?? [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const modelNames = options.modelNames ?? gaussianModelNames;
  for (const G of nClusters) assertInteger(G, 'nClusters', 1);
  for (const name of modelNames) {
    if (!gaussianModelNames.includes(name)) {
      throw new InvalidInputError(
        { argument: 'modelNames', value: name },
        `expected one of ${gaussianModelNames.join(', ')}`,
      );
    }
  }
  const subset = initialSubset(data.rows, options);
  const start = subset === undefined ? data : takeRows(data, subset);
  // The partitions cut the agglomeration's rows: every G needs that many.
  for (const G of nClusters) {
    if (G > start.rows) {
      throw new InvalidInputError(
        { argument: 'nClusters', value: G },
        subset === undefined
          ? `more than ${start.rows} rows`
          : `more than the ${start.rows} rows of the initialisation's subset`,
      );
    }
  }
  const tree = modelBasedHierarchical(start, options.hierarchical);
  // Grid order: G-major, models in the order given (the table's order).
  const grid: MclustCell[] = nClusters.flatMap((_, group) =>
    modelNames.map((modelName) => ({ modelName, group })),
  );
  const order = spreadOrder(grid.length, workers);
  const local: MclustCellLocal = { models: [] };
  const { tolerance, maxIterations, innerTolerance, maxInnerIterations } = options;
  const modelOptions: GaussianModelOptions = { innerTolerance, maxInnerIterations };
  const session = yield* openShards(
    mclustCellTask,
    {
      X: data,
      labels: nClusters.map((G) => tree.labels(G)),
      subset,
      cells: order.map((cell) => grid[cell]),
      control: { tolerance, maxIterations },
      modelOptions,
    },
    planShards(grid.length, 1),
    local,
  );
  const outputs = yield* mapShards(session, undefined);
  yield* closeShards(session);
  const shardOf = new Int32Array(grid.length);
  order.forEach((cell, shard) => {
    shardOf[cell] = shard;
  });
  const logN = Math.log(data.rows);
  const candidates: MclustCandidate[] = [];
  let best: { candidate: MclustCandidate; shard: number; order: number } | undefined;
  grid.forEach(({ modelName, group }, cell) => {
    const G = nClusters[group];
    const m = cell - group * modelNames.length;
    const shard = shardOf[cell];
    const fit = outputs[shard];
    const nParameters = mclustParameterCount(modelName, data.cols, G);
    const candidate: MclustCandidate = {
      modelName,
      nClusters: G,
      nParameters,
      bic: fit === null ? undefined : 2 * fit.logLikelihood - nParameters * logN,
      logLikelihood: fit?.logLikelihood,
      iterations: fit?.iterations,
    };
    candidates.push(candidate);
    if (candidate.bic === undefined) return;
    // mclust sorts the table column-major (model by model), decreasing: ties keep that order.
    const rank = m * nClusters.length + group;
    const current = best?.candidate.bic;
    if (
      best === undefined ||
      current === undefined ||
      candidate.bic > current ||
      (candidate.bic === current && rank < best.order)
    ) {
      best = { candidate, shard, order: rank };
    }
  });
  if (best === undefined) {
    throw new InvalidInputError({ argument: 'X' }, 'every model of the grid was singular');
  }
  const chosen = best;
  const fitted = outputs[chosen.shard]?.model;
  const model =
    local.models[chosen.shard] ??
    (fitted === undefined ? undefined : rebuild(chosen.candidate, data.cols, fitted, modelOptions));
  if (model === undefined) throw new Error('mclust: the chosen cell sent no model');
  return {
    candidates,
    nClusters,
    modelNames,
    best: chosen.candidate,
    model,
    table: () => formatMclustBic(candidates, nClusters, modelNames),
    summary: () => summarizeMclustBic(candidates),
  };
}

/**
 * Shard order for `count` cells on `workers` workers: an executor gives worker w the contiguous
 * shards [⌊w·count/workers⌋, ⌊(w+1)·count/workers⌋), so listing cells w, w + workers, w + 2·workers,
 * ... there gives each worker every `workers`-th cell of the G-major grid (cost grows with G).
 */
function spreadOrder(count: number, workers: number): number[] {
  const used = Math.max(1, Math.min(workers, count));
  const order: number[] = [];
  for (let w = 0; w < used; w++) {
    for (let cell = w; cell < count; cell += used) order.push(cell);
  }
  return order;
}

/** A cell's mixture from a worker, on one family object shared by its components (`estimateAll`). */
function rebuild(
  candidate: MclustCandidate,
  dimension: number,
  fitted: MclustCellModel,
  modelOptions: GaussianModelOptions,
): MixtureModel<GaussianModelParams> {
  const family = gaussianModel(candidate.modelName, modelOptions);
  return new MixtureModel(
    fitted.params.map(() => family),
    fitted.params.map((params) => family.paramsFromJSON(params)),
    fitted.logWeights,
    dimension,
    fitted.diagnostics,
  );
}

/** The rows of the agglomeration, or undefined for all rows (see `MclustOptions.subset`). */
function initialSubset(n: number, options: MclustOptions): Int32Array | undefined {
  const { subset } = options;
  if (subset === 'all') return undefined;
  if (subset === undefined) {
    const size = options.subsetSize ?? MCLUST_SUBSET_SIZE;
    assertInteger(size, 'subsetSize', 1);
    return n > size ? sampleWithoutReplacement(n, size, toRandom(options.random)) : undefined;
  }
  const rows = new Int32Array(subset.length);
  const seen = new Uint8Array(n);
  for (let r = 0; r < subset.length; r++) {
    const i = subset[r];
    assertInteger(i, `subset[${r}]`, 0);
    if (i >= n) {
      throw new InvalidInputError(
        { argument: `subset[${r}]`, value: i },
        `not a row of X (${n} rows)`,
      );
    }
    if (seen[i] === 1) {
      throw new InvalidInputError({ argument: `subset[${r}]`, value: i }, 'listed twice');
    }
    seen[i] = 1;
    rows[r] = i;
  }
  if (rows.length === 0) throw new InvalidInputError({ argument: 'subset' }, 'no rows');
  return rows;
}
