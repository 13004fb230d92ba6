import {
  type AnyComponentFamily,
  assertInteger,
  type DataRanges,
  type FitWarning,
  InvalidInputError,
  isPreparedData,
  isRemoteRows,
  type Matrix,
  type MatrixInput,
  type MissingPolicy,
  type RemoteRows,
  rowsElsewhereError,
  type ShardHandle,
  sharedFloat64Array,
  toMatrix,
  toWeights,
  UnsupportedMissingCellsError,
} from '@mixkit/core';
import { releaseKernelArrays } from '@mixkit/linalg';
import { EStepScratch } from '../estep/eStepScratch.js';
import type { WorstRows } from '../estep/worstRows.js';
import { fillMissingCells } from '../missing/fillMissingCells.js';
import type { EmDataInput, EmDataOutput } from './emDataTask.js';
import { blockBeside, kernelArrays } from './kernelArrays.js';
import { NO_ROWS } from './noRows.js';
import { wholeDataStats } from './wholeDataStats.js';

/** The components of one family in a mixture, in mixture order (for `estimateAll`). */
export interface FamilyGroup {
  /** The family object these components share. */
  readonly family: AnyComponentFamily;
  /** The components of that family, as indices into the mixture. */
  readonly components: readonly number[];
}

/**
 * Everything one fit allocates once and reuses across iterations and restarts: the data,
 * the families grouped by identity, per-row weights and priors, the block buffer and the
 * per-component statistics. Iterations allocate nothing proportional to n.
 */
export interface EmWorkspace {
  /**
   * The data: the caller's, or its copy in kernel memory once `placeInKernelMemory` ran; 0 rows
   * when the rows live with the executor's workers (`remote`).
   */
  X: Matrix;
  /**
   * The data's shape when its rows live with the executor's workers (`RemoteRows`), else
   * undefined: passes and row reads then run as shard tasks, and nothing here reads `X`.
   */
  readonly remote: RemoteRows | undefined;
  /** With `remote`: the open session that reads rows on the workers (`emDataTask`). */
  rowReader: ShardHandle<EmDataInput, EmDataOutput> | undefined;
  /**
   * The data initialisation and re-seeding read: `X` itself, or, when `X` has missing cells,
   * a completed copy (`fillMissingCells`: each missing cell at its column's lower median).
   */
  readonly initX: Matrix;
  /** Rows of the data. */
  readonly n: number;
  /** Columns of the data. */
  readonly d: number;
  /** Components of the mixture. */
  readonly k: number;
  /** Each component's family, in mixture order. */
  readonly families: readonly AnyComponentFamily[];
  /** The components grouped by family object (for `estimateAll`). */
  readonly groups: readonly FamilyGroup[];
  /** Per-row weights, or undefined when all rows weigh 1. */
  readonly sampleWeight: Float64Array | undefined;
  /** Sum of the row weights (n when unweighted). */
  readonly totalWeight: number;
  /** Rows with positive weight. */
  readonly positiveRows: number;
  /** n x k log prior probabilities (semi-supervised), or undefined. */
  readonly logPriors: Float64Array | undefined;
  /** Rows per block of a pass. */
  readonly blockSize: number;
  /** blockSize x k scratch: log-densities, then responsibilities times row weights. */
  block: Float64Array;
  /** Whether `placeInKernelMemory` already ran. */
  placed: boolean;
  /**
   * The fit's own copy of its data in kernel memory, when the fit made one (not prepared data
   * it was given): given back to the thread when the fit ends (`releaseOwnedMemory`), so the
   * next fit copies into pages already mapped.
   */
  owned?: Float64Array | undefined;
  /**
   * The fit's own shared copy of its data (for passes on workers), given back to the executor
   * when the fit ends (`ShardExecutor.giveBackBuffer`) for its next fit.
   */
  ownedShared?: SharedArrayBuffer | undefined;
  /** Per-component statistics, zeroed (scaled by 0) at the start of every pass. */
  readonly stats: unknown[];
  /** Per-component responsibility totals of the last pass. */
  readonly totals: Float64Array;
  /** Per-component responsibility totals of the current block (scratch of the pass). */
  readonly blockTotals: Float64Array;
  /** Whole-data statistics per family group, computed on first need (re-seeding). */
  readonly globalStats: Map<AnyComponentFamily, unknown>;
  /**
   * Per-row scratch: the pass's threads write their rows' mixture log-likelihoods here (and pick
   * their shards' worst rows from it); initialisation's re-seeding ranks rows in it.
   */
  readonly rowScores: Float64Array;
  /** The worst-explained rows of the last accumulating pass (what re-seeding reads). */
  worst: WorstRows | undefined;
  /** The E-step's scratch memory: this fit's own, so concurrent fits never share it. */
  readonly scratch: EStepScratch;
  /** What the families' `forData` reported about the data (e.g. a swamped column). */
  readonly dataWarnings: readonly FitWarning[];
}

/**
 * Validates the data once per fit (finite values, k <= rows of positive weight, weights,
 * priors, each distinct family's `validate`) and allocates the fit's buffers. The data stays
 * the caller's until passes run in this thread (`placeInKernelMemory`): a fit on workers never
 * copies it here.
 */
export function createEmWorkspace(
  input: MatrixInput | RemoteRows,
  families: readonly AnyComponentFamily[],
  options: {
    readonly sampleWeight?: ArrayLike<number> | undefined;
    readonly priorProbabilities?: MatrixInput | undefined;
    readonly blockSize?: number | undefined;
    readonly missing?: MissingPolicy | undefined;
    /**
     * Remote rows: each distinct given family's statistics of the whole data, as the workers
     * computed them (`emDataTask`), merged in shard order.
     */
    readonly wholeData?: ReadonlyMap<AnyComponentFamily, unknown> | undefined;
  } = {},
): EmWorkspace {
  if (isRemoteRows(input)) return remoteWorkspace(input, families, options);
  const X = toMatrix(input, { missing: options.missing ?? 'error' });
  const { rows: n, cols: d } = X;
  const k = families.length;
  assertInteger(k, 'nClusters', 1);
  const sampleWeight =
    options.sampleWeight === undefined ? undefined : toWeights(options.sampleWeight, n);
  let totalWeight = n;
  let positiveRows = n;
  if (sampleWeight) {
    totalWeight = 0;
    positiveRows = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      totalWeight += sampleWeight[i];
      if (sampleWeight[i] > 0) positiveRows++;
      largest = Math.max(largest, sampleWeight[i]);
    }
    checkWeightRange(totalWeight, largest);
  }
  if (k > positiveRows) {
    throw new InvalidInputError(
      { argument: 'nClusters', value: k },
      `cannot fit ${k} components to ${positiveRows} rows of positive weight (k must be <= rows)`,
    );
  }
  const given = groupFamilies(families);
  for (const group of given) group.family.validate(X, 'X');
  if (X.missingRows !== undefined) assertMissingCellTreatments(given);
  const blockSize = options.blockSize ?? 1024;
  assertInteger(blockSize, 'blockSize', 1);
  const initX = fillMissingCells(X);
  // Data-relative settings resolve on the completed copy, which re-seeding reads too (a
  // conditional family cannot add a row with missing cells before parameters exist).
  // Prepared data's column ranges settle some families' `forData` without that pass (rows of
  // weight 1, no missing cells); re-seeding then computes the statistics if it ever needs them.
  const ranges =
    isPreparedData(X) && sampleWeight === undefined && X.missingRows === undefined ? X : undefined;
  const fitted = familiesForData(
    families,
    (family) => wholeDataStats(family, initX, sampleWeight, blockSize, families.length),
    ranges,
  );
  const groups = groupFamilies(fitted.families);
  const logPriors =
    options.priorProbabilities === undefined
      ? undefined
      : toLogPriors(options.priorProbabilities, n, k);
  const blockLength = Math.min(blockSize, n) * k;
  return {
    X,
    remote: undefined,
    rowReader: undefined,
    initX,
    n,
    d,
    k,
    families: fitted.families,
    groups,
    sampleWeight,
    totalWeight,
    positiveRows,
    logPriors,
    blockSize,
    block: new Float64Array(blockLength),
    placed: false,
    stats: fitted.families.map((family) => family.createStats(d)),
    totals: new Float64Array(k),
    blockTotals: new Float64Array(k),
    globalStats: fitted.globalStats,
    // Shared where possible: worker threads write their rows' scores in place.
    rowScores: sharedFloat64Array(n),
    worst: undefined,
    scratch: new EStepScratch(),
    dataWarnings: fitted.warnings,
  };
}

/**
 * The families a fit runs with: each distinct family with `forData` replaced by the one it
 * returns for the whole data's statistics (`statsOf`, computed once per family and kept for
 * re-seeding), with the warnings it reports. Families without `forData` are used as given.
 * With `ranges` (rows of weight 1, no missing cells), a family whose `forDataRanges` answers
 * from them is resolved without its statistics (none kept: re-seeding computes them on need).
 */
export function familiesForData(
  families: readonly AnyComponentFamily[],
  statsOf: (family: AnyComponentFamily) => unknown,
  ranges?: DataRanges,
): {
  readonly families: AnyComponentFamily[];
  readonly warnings: FitWarning[];
  readonly globalStats: Map<AnyComponentFamily, unknown>;
} {
  const replaced = new Map<AnyComponentFamily, AnyComponentFamily>();
  const warnings: FitWarning[] = [];
  const globalStats = new Map<AnyComponentFamily, unknown>();
  for (const { family } of groupFamilies(families)) {
    if (family.forData === undefined) continue;
    const settled = ranges === undefined ? undefined : family.forDataRanges?.(ranges);
    if (settled !== undefined) {
      replaced.set(family, settled.family ?? family);
      warnings.push(...settled.warnings);
      continue;
    }
    const stats = statsOf(family);
    const fitted = family.forData(stats);
    const resolved = fitted.family ?? family;
    replaced.set(family, resolved);
    warnings.push(...fitted.warnings);
    // Same kind of statistics: the resolved family re-seeds from them without another pass.
    globalStats.set(resolved, stats);
  }
  return { families: families.map((f) => replaced.get(f) ?? f), warnings, globalStats };
}

/** `familiesForData` with each family's statistics of every row of X (unit weights). */
export function familiesForRows(
  families: readonly AnyComponentFamily[],
  X: Matrix,
  blockSize: number,
): ReturnType<typeof familiesForData> {
  return familiesForData(families, (family) =>
    wholeDataStats(family, X, undefined, blockSize, families.length),
  );
}

/**
 * The workspace of a fit whose rows live with the executor's workers: only the shape, the
 * families resolved from the workers' whole-data statistics (`options.wholeData`, kept for
 * re-seeding), no per-row values. Options that would need per-row values here are refused by name.
 */
function remoteWorkspace(
  remote: RemoteRows,
  families: readonly AnyComponentFamily[],
  options: Parameters<typeof createEmWorkspace>[2] & object,
): EmWorkspace {
  const { rows: n, cols: d } = remote;
  const k = families.length;
  assertInteger(k, 'nClusters', 1);
  if (options.sampleWeight !== undefined) {
    throw rowsElsewhereError('sampleWeight', undefined, 'fit without per-row weights');
  }
  if (options.priorProbabilities !== undefined) {
    throw rowsElsewhereError('priorProbabilities', undefined, 'fit without prior probabilities');
  }
  if (options.missing !== undefined && options.missing !== 'error') {
    throw rowsElsewhereError('missing', options.missing, "leave it at 'error'");
  }
  if (k > n) {
    throw new InvalidInputError(
      { argument: 'nClusters', value: k },
      `cannot fit ${k} components to ${n} rows (k must be <= rows)`,
    );
  }
  const blockSize = options.blockSize ?? 1024;
  assertInteger(blockSize, 'blockSize', 1);
  const { wholeData } = options;
  const statsOf = (family: AnyComponentFamily): unknown => {
    const stats = wholeData?.get(family);
    if (stats === undefined) throw new RangeError(`no whole-data statistics for ${family.kind}`);
    return stats;
  };
  const fitted = familiesForData(families, statsOf);
  // Re-seeding mixes in the whole data's statistics: every family's, from the workers.
  for (const { family } of groupFamilies(families)) {
    if (family.forData === undefined) fitted.globalStats.set(family, statsOf(family));
  }
  const empty: Matrix = { rows: 0, cols: d, data: NO_ROWS };
  return {
    X: empty,
    remote,
    rowReader: undefined,
    initX: empty,
    n,
    d,
    k,
    families: fitted.families,
    groups: groupFamilies(fitted.families),
    sampleWeight: undefined,
    totalWeight: n,
    positiveRows: n,
    logPriors: undefined,
    blockSize,
    block: NO_ROWS,
    // Passes run on the workers: nothing is placed in this process.
    placed: true,
    stats: fitted.families.map((family) => family.createStats(d)),
    totals: new Float64Array(k),
    blockTotals: new Float64Array(k),
    globalStats: fitted.globalStats,
    rowScores: NO_ROWS,
    worst: undefined,
    scratch: new EStepScratch(),
    dataWarnings: fitted.warnings,
  };
}

/** Largest total sample weight EM takes: sums of weighted statistics must stay finite. */
const MAX_TOTAL_WEIGHT = 2 ** 1000;
/** Smallest largest weight EM takes: weighted statistics of smaller ones underflow. */
const MIN_LARGEST_WEIGHT = 2 ** -500;

/**
 * Weights whose sum overflows (every weight 1e308) or that are all so small their products
 * with responsibilities underflow (every weight 1e-310) cannot be fitted faithfully; the error
 * says what to do. (Rescaling them inside would change MAP fits, whose priors weigh against
 * the data's total weight, so EM does not do it silently.)
 */
function checkWeightRange(total: number, largest: number): void {
  const argument = 'sampleWeight';
  if (!(total <= MAX_TOTAL_WEIGHT)) {
    throw new InvalidInputError(
      { argument, value: total },
      'the weights sum beyond double precision (above 2^1000 ≈ 1e301); divide them by a constant (a maximum-likelihood fit does not change)',
    );
  }
  if (largest < MIN_LARGEST_WEIGHT) {
    throw new InvalidInputError(
      { argument, value: largest },
      'every weight is below 2^-500 (≈ 3e-151), where weighted statistics underflow; multiply them by a constant (a maximum-likelihood fit does not change)',
    );
  }
}

/**
 * Before passes run in this thread: when a family is marked with `@mixkit/linalg`'s
 * `preferKernelMemory` and the data has at least `KERNEL_MEMORY_MIN_VALUES` values, the data
 * and the block buffer go to one kernel memory (a copy of the data: n·d doubles more for the
 * fit's duration) so its SIMD kernels read them in place; data prepared in kernel memory
 * (`prepareData` of `@mixkit/linalg`) stays where it is and only the block buffer goes beside it.
 * Results are the same bits either way.
 */
export function placeInKernelMemory(workspace: EmWorkspace): void {
  if (workspace.placed) return;
  workspace.placed = true;
  const { X, block, families } = workspace;
  // Prepared data already in kernel memory: only the block moves beside it, no copy.
  const beside = blockBeside(families, X.data, block.length);
  if (beside !== undefined) {
    workspace.block = beside;
    return;
  }
  const kernel = kernelArrays(families, X.data.length, block.length);
  if (kernel === undefined) return;
  kernel.data.set(X.data);
  workspace.X = withMarks({ rows: X.rows, cols: X.cols, data: kernel.data }, X.missingRows);
  workspace.block = kernel.block;
  workspace.owned = kernel.data;
}

/**
 * Once the fit has its model: gives the kernel memory of the fit's own copy of the data back to
 * this thread (`releaseKernelArrays` of `@mixkit/linalg`) for the next fit, which then writes
 * into pages already mapped instead of new ones. Nothing reads the workspace afterwards.
 */
export function releaseOwnedMemory(workspace: EmWorkspace): void {
  const { owned } = workspace;
  if (owned === undefined) return;
  workspace.owned = undefined;
  releaseKernelArrays(owned);
}

/** `matrix` with `missingRows` set to `marks` when there are marks. */
export function withMarks(matrix: Matrix, marks: Uint8Array | undefined): Matrix {
  return marks === undefined ? matrix : { ...matrix, missingRows: marks };
}

/**
 * Data with missing cells: every family must declare a treatment (`missingCells`); the runner
 * never looks further into a family than that declaration.
 */
export function assertMissingCellTreatments(groups: readonly FamilyGroup[]): void {
  for (const { family } of groups) {
    if (family.missingCells === undefined) throw new UnsupportedMissingCellsError(family.kind);
  }
}

/** Groups components by family object identity, in order of first appearance. */
export function groupFamilies(families: readonly AnyComponentFamily[]): FamilyGroup[] {
  const byFamily = new Map<AnyComponentFamily, number[]>();
  families.forEach((family, component) => {
    const list = byFamily.get(family);
    if (list) list.push(component);
    else byFamily.set(family, [component]);
  });
  return [...byFamily].map(([family, components]) => ({ family, components }));
}

/** Row-normalised log prior probabilities; every row needs a positive entry. */
function toLogPriors(input: MatrixInput, n: number, k: number): Float64Array {
  const argument = 'priorProbabilities';
  const priors = toMatrix(input, { argument });
  if (priors.rows !== n || priors.cols !== k) {
    throw new InvalidInputError(
      { argument, value: `${priors.rows}x${priors.cols}` },
      `expected an n x k matrix (${n}x${k})`,
    );
  }
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const p = priors.data[i * k + c];
      if (p < 0)
        throw new InvalidInputError({ argument, row: i, column: c, value: p }, 'must be >= 0');
      sum += p;
    }
    if (!(sum > 0)) throw new InvalidInputError({ argument, row: i }, 'a row sums to zero');
    for (let c = 0; c < k; c++) out[i * k + c] = Math.log(priors.data[i * k + c] / sum);
  }
  return out;
}
