import {
  closeShards,
  drainShardProgram,
  evenShardRows,
  InvalidInputError,
  isSharedMemory,
  type Matrix,
  mapShards,
  openShards,
  planShards,
  type ShardPlan,
  type ShardProgram,
  shardRowsFor,
  sharedFloat64Array,
  sharedInt32Array,
} from '@mixkit/core';
import { normalizedWeights, normalizingExponent } from './internal/powerOfTwo.js';
import type { RowStatistics } from './internal/rowStatistics.js';
import type { ScaledFrame } from './internal/scaledFrame.js';
import { shiftRows } from './internal/shiftRows.js';
import { type PrepareOutput, prepareTask } from './shards/prepareTask.js';
import { copyShards } from './shards/sharedRowsCopy.js';

/**
 * The training data as every k-means iteration reads it: X in its frame (scaled by a power of
 * two when its magnitude is extreme, centered when that matters, see `prepareKmeansProgram`),
 * the weights (likewise scaled), and per-row squared norms computed once.
 */
export interface KMeansData {
  /** X · frame.scale − frame.offset: n x d (X itself, not a copy, when that is X). */
  readonly X: Matrix;
  /** How X was scaled and centered. */
  readonly frame: ScaledFrame;
  /** One weight per row (all 1 when none were given), times 2^weightExponent. */
  readonly weights: Float64Array;
  /** The power of two the given weights were multiplied by (0: as given). */
  readonly weightExponent: number;
  /** Squared norm of each row of `X`. */
  readonly xNorms: Float64Array;
  /** Σ_i w_i ||x_i||² over the rows of `X` (for the inertia identity in `updateCenters`). */
  readonly weightedSquaredNorm: number;
  /** Mean of the per-column (unweighted) variances of `X`: `tolerance` is relative to it. */
  readonly meanVariance: number;
  /**
   * The rows a loop over the data may read instead of `X` (subtracting `rowsShift` from each
   * value as it reads it, which gives `X`'s values exactly): X as given when the fit did not
   * copy it centered (see `prepareKmeansProgram`; `X` is then copied at its first read), or
   * `X` itself when omitted.
   */
  readonly rowsRead?: Matrix;
  /** Subtracted from each row of `rowsRead` (length d), or undefined: nothing to subtract. */
  readonly rowsShift?: Float64Array | undefined;
}

/** The rows to read and what to subtract from them (`KMeansData.rowsRead`, `rowsShift`). */
export function readRows(data: KMeansData): { rows: Matrix; shift: Float64Array | undefined } {
  const rows = data.rowsRead;
  return rows === undefined ? { rows: data.X, shift: undefined } : { rows, shift: data.rowsShift };
}

/** How `prepareKmeansProgram` runs. */
export interface PrepareOptions {
  /** The data's name in errors. Default `'X'`. */
  readonly argument?: string;
  /**
   * The fit's executor's workers (default 0). With workers, on data of at least 4 shards of the
   * preparation, its passes run on them: rows not on shared memory are copied there, once (the
   * workers cannot read them otherwise; the assignment's session would copy them anyway), shard
   * by shard while the workers' first pass reads the shards already copied, and framed in place
   * in that copy. Smaller data is prepared in the calling thread.
   */
  readonly workers?: number;
  /**
   * Whether centered data may be left uncopied (default false): `X` of the result is then copied
   * centered only when read, and `rowsRead` / `rowsShift` give the fit's own loops X and the
   * means to subtract as they read it. Only in the calling thread (no workers) and for data of
   * ordinary magnitude (scale 1); otherwise the copy is made as always.
   */
  readonly shiftOnRead?: boolean;
  /**
   * Called once X's values are known to be finite and before anything else is done: the fit's
   * own checks (so they come after X's, as they did when `toMatrix` checked X), returning the
   * weights given (already checked), if any.
   */
  readonly checkedWeights?: () => Float64Array | undefined;
  /**
   * Where the shared copy of X may come from (`ShardExecutor.borrowBuffer`): a buffer of at least that
   * many bytes an earlier fit gave back, or undefined (a fresh one is allocated).
   */
  readonly borrowBuffer?: ((bytes: number) => SharedArrayBuffer | undefined) | undefined;
}

/** What `prepareKmeansProgram` gives: the data, and the weights as given. */
export interface PreparedKmeans {
  /** The data as the iterations read it. */
  readonly data: KMeansData;
  /** What `checkedWeights` returned. */
  readonly weights: Float64Array | undefined;
  /**
   * The shared copy of X the preparation made (on workers, for data not already shared), which
   * the fit may give back to its executor once its sessions are closed; else undefined.
   */
  readonly copyBuffer: SharedArrayBuffer | undefined;
}

/**
 * Precomputes what the iterations need, in two passes over X run as shards of rows (on workers
 * when the fit has them, `prepareTask`), merged in shard order, so the result is the same bits
 * wherever they ran:
 *
 * 1. One read of every value (`rowStatistics`): its finiteness (an `InvalidInputError` naming
 *    the first bad row and column, as `toMatrix` would), the largest magnitude, and per column
 *    Σx (the mean: a serial sum, scikit-learn's bits on data of one shard) and Σx².
 * 2. One write (`frameRows`): X in its frame, each row's squared norm, Σ w ||x||², and per
 *    column Σ(x − mean)², the exact variance that `tolerance` is relative to.
 *
 * Distances use the expansion ||x||² + ||c||² − 2x·c, whose rounding error grows with ||x||², so
 * data far from the origin are centered first, as scikit-learn always does, at the cost of one
 * copy of X. When every column mean is within one standard deviation of 0, centering would gain
 * less than a factor of about 2 in accuracy, and X is used as it is (no copy). That choice is
 * made before the second pass, from Σx²/n − mean²: its rounding error (up to about n·ε·(mean² +
 * variance)) can flip it only where mean² and the variance agree to about n·ε, where either
 * choice is as good.
 *
 * Data whose largest magnitude is beyond 2^±200 (squared distances near 1e300 would overflow,
 * near 1e-300 underflow to 0 and tie every center) and weights likewise are multiplied by a
 * power of two that brings them near 1. That is exact, so the fit is the one of the scaled data
 * and its centers and inertia scale back exactly (`frame`, `weightExponent`); for such data the
 * first pass runs again on the scaled values, so that its sums neither overflow nor lose bits
 * to subnormals.
 */
export function* prepareKmeansProgram(
  X: Matrix,
  options: PrepareOptions = {},
): ShardProgram<never, PreparedKmeans> {
  const { rows: n, cols: d } = X;
  const plan = planShards(n, prepareShardRows(n, d));
  const sharing = typeof SharedArrayBuffer !== 'undefined';
  const workers = options.workers ?? 0;
  const onWorkers = sharing && workers > 0 && plan.count >= workerShards;
  const program = preparation(X, plan, onWorkers ? workers : 0, options);
  // In this thread, not through the executor, without shared memory (a worker's rows would not
  // reach the fit) and on data too small for the workers to pay (the same shards, so the same
  // bits); otherwise through the program's driver: the workers, or this thread's paced loop.
  return !sharing || (workers > 0 && !onWorkers) ? drainShardProgram(program) : yield* program;
}

/**
 * Fewest shards of the preparation (up to 2^19 values each) sent to workers. Below it, a
 * session on the workers (an open and two rounds) costs about what the passes save: they take
 * about 4 ns per value in one thread, a 2-worker session a few milliseconds.
 */
const workerShards = 4;

/** `prepareKmeansProgram` in the calling thread, with the given weights (already checked). */
export function prepareKmeansData(X: Matrix, weights?: Float64Array): KMeansData {
  const plan = planShards(X.rows, prepareShardRows(X.rows, X.cols));
  return drainShardProgram(preparation(X, plan, 0, { checkedWeights: () => weights })).data;
}

/**
 * Rows per shard of the preparation: up to about 2^19 values (4 MiB of rows; between 2,048 and
 * 65,536 rows), from the data's shape alone (`shardRowsFor` at 8 operations per value), never
 * from the number of workers.
 */
export function prepareShardRows(n: number, d: number): number {
  // Evened out, so that a worker's contiguous run of shards has no short last one to idle on.
  return evenShardRows(n, shardRowsFor(8 * d, 1, n));
}

/** `workers`: the executor's workers the passes run on (0: in the calling thread). */
function* preparation(
  X: Matrix,
  plan: ShardPlan,
  workers: number,
  options: PrepareOptions,
): ShardProgram<never, PreparedKmeans> {
  const { rows: n, cols: d } = X;
  const onWorkers = workers > 0;
  const copied = onWorkers && !isSharedMemory(X.data);
  // The shared copy is filled while the first pass runs (see `copyShards`).
  // A buffer an earlier fit gave back has its pages mapped already (most of a fresh copy's cost,
  // see `copyShards`); every value of it is overwritten before it is read.
  const rows: Matrix = copied
    ? {
        rows: n,
        cols: d,
        // A lent buffer may be larger: its first n·d doubles.
        data: new Float64Array(
          options.borrowBuffer?.(8 * n * d) ?? new SharedArrayBuffer(8 * n * d),
          0,
          n * d,
        ),
      }
    : X;
  const ready = copied ? sharedInt32Array(plan.count) : undefined;
  const source = copied ? X.data : undefined;
  const handle = yield* openShards(prepareTask, { X: rows }, plan, { source });
  const copy =
    ready === undefined ? undefined : () => copyShards(X.data, rows.data, ready, d, plan, workers);
  let found = merged(
    yield* mapShards(handle, { round: 'statistics', scale: 1, ready }, copy),
    X,
    options,
  );
  const exponent = normalizingExponent(found.largest);
  const scale = 2 ** exponent;
  if (exponent !== 0) found = merged(yield* mapShards(handle, { round: 'statistics', scale }), X);
  const given = options.checkedWeights?.();
  const normalized = given === undefined ? undefined : normalizedWeights(given);
  const weights =
    normalized === undefined
      ? sharedFloat64Array(n)
      : onWorkers && !isSharedMemory(normalized.weights)
        ? sharedCopy(normalized.weights)
        : normalized.weights;
  const { mean, centered } = columnMeans(found, n);
  const offset = centered ? mean : new Float64Array(d);
  // Centered data read in this thread need not be copied: the assignment's loops subtract the
  // means as they read the rows (the same doubles as the copy, x − mean), which saves writing
  // n·d fresh values (first-touch page faults, about 0.9 ms per MB here). See `rowsRead`.
  const deferred = options.shiftOnRead === true && !onWorkers && centered && exponent === 0;
  // The fit's own arrays go on shareable memory, so a worker pool shares them without a copy.
  const out =
    (centered && !deferred) || exponent !== 0
      ? copied
        ? rows.data
        : sharedFloat64Array(n * d)
      : undefined;
  const xNorms = sharedFloat64Array(n);
  const outputs = yield* mapShards(handle, {
    round: 'frame',
    scale,
    offset,
    mean,
    out,
    norms: xNorms,
    weights,
    unitWeights: given === undefined,
  });
  yield* closeShards(handle);
  let weightedSquaredNorm = 0;
  const deviations = new Float64Array(d);
  for (const output of outputs) {
    weightedSquaredNorm += output.weightedSquaredNorm;
    for (let j = 0; j < d; j++) deviations[j] += output.deviations[j];
  }
  let meanVariance = 0;
  for (let j = 0; j < d; j++) meanVariance += deviations[j] / n;
  const fields = {
    frame: { scale, exponent, offset },
    weights,
    weightExponent: normalized?.exponent ?? 0,
    xNorms,
    weightedSquaredNorm,
    meanVariance: meanVariance / d,
  };
  const data: KMeansData = deferred
    ? shiftedData(rows, offset, fields)
    : { X: out === undefined ? rows : { rows: n, cols: d, data: out }, ...fields };
  const copyBuffer =
    copied && rows.data.buffer instanceof SharedArrayBuffer ? rows.data.buffer : undefined;
  return { data, weights: given, copyBuffer };
}

/**
 * Data whose rows are `rows` − offset, that copy (the same doubles, x − offset, as `frameRows`
 * writes for scale 1) made only when `X` is read: `rowsRead` is `rows`, `rowsShift` the offset.
 */
export function shiftedData(
  rows: Matrix,
  offset: Float64Array,
  fields: Omit<KMeansData, 'X' | 'rowsRead' | 'rowsShift'>,
): KMeansData {
  let centered: Matrix | undefined;
  return {
    get X(): Matrix {
      if (centered === undefined) {
        const { rows: n, cols: d, data } = rows;
        const copy = sharedFloat64Array(n * d);
        shiftRows(data, offset, copy, 0, n * d);
        centered = { rows: n, cols: d, data: copy };
      }
      return centered;
    },
    rowsRead: rows,
    rowsShift: offset,
    ...fields,
  };
}

/**
 * The shards' statistics added in shard order; with `check`, the first shard's first non-finite
 * value (in row-major order, so the first of X) is thrown as `toMatrix` throws it.
 */
function merged(
  outputs: readonly PrepareOutput[],
  X: Matrix,
  check?: Pick<PrepareOptions, 'argument'>,
): RowStatistics {
  const d = X.cols;
  const sums = new Float64Array(d);
  const squares = new Float64Array(d);
  let largest = 0;
  for (const output of outputs) {
    if (check !== undefined && output.nonFinite >= 0) {
      const t = output.nonFinite;
      throw new InvalidInputError(
        {
          argument: check.argument ?? 'X',
          row: Math.floor(t / d),
          column: t % d,
          value: X.data[t],
        },
        'values must be finite numbers',
      );
    }
    for (let j = 0; j < d; j++) {
      sums[j] += output.sums[j];
      squares[j] += output.squares[j];
    }
    largest = Math.max(largest, output.largest);
  }
  return { sums, squares, largest, nonFinite: -1 };
}

/**
 * Column means (Σx / n) and whether to center: when some column's mean exceeds its standard
 * deviation (where the ‖x‖² + ‖c‖² − 2x·c expansion of distances loses digits; scikit-learn
 * always centers), the variance taken as Σx²/n − mean² (see `prepareKmeansProgram`).
 */
function columnMeans(found: RowStatistics, n: number): { mean: Float64Array; centered: boolean } {
  const d = found.sums.length;
  const mean = new Float64Array(d);
  let centered = false;
  for (let j = 0; j < d; j++) {
    mean[j] = found.sums[j] / n;
    if (mean[j] * mean[j] > found.squares[j] / n - mean[j] * mean[j]) centered = true;
  }
  return { mean, centered };
}

function sharedCopy(array: Float64Array): Float64Array {
  const copy = sharedFloat64Array(array.length);
  copy.set(array);
  return copy;
}
