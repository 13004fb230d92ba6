import {
  type AnyComponentFamily,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type MissingPolicy,
  toMatrix,
} from '@mixkit/core';
import { EStepScratch } from '../estep/eStepScratch.js';
import { fillMissingCells } from '../missing/fillMissingCells.js';
import {
  assertMissingCellTreatments,
  type EmWorkspace,
  type FamilyGroup,
  groupFamilies,
  withMarks,
} from '../workspace/emWorkspace.js';
import { kernelArrays } from '../workspace/kernelArrays.js';
import { NO_ROWS } from '../workspace/noRows.js';

/**
 * The buffers a chunked fit (out-of-core or online EM) allocates once and reuses for every
 * chunk: the block buffer, per-chunk statistics and totals. A chunk's `EmWorkspace` is a view
 * of these around the chunk's rows, so `fusedPass` runs on it unchanged.
 */
export interface ChunkBuffers {
  readonly families: readonly AnyComponentFamily[];
  readonly groups: readonly FamilyGroup[];
  readonly k: number;
  readonly d: number;
  readonly blockSize: number;
  /** blockSize x k scratch (grown on first need, never shrunk). */
  block: Float64Array;
  /**
   * A chunk's data and the block in one kernel memory (see `kernelArrays`), when the families
   * prefer it: each large chunk is copied in, so their WebAssembly kernels run on it. Grown on
   * need, never shrunk.
   */
  kernel: { readonly data: Float64Array; readonly block: Float64Array } | undefined;
  /** Statistics of the current chunk (reset by each pass). */
  readonly stats: unknown[];
  readonly totals: Float64Array;
  readonly blockTotals: Float64Array;
  /** The E-step's scratch memory, this fit's own. */
  readonly scratch: EStepScratch;
  /** What NaN in a chunk means (the fit's `missing` option). */
  readonly missing: MissingPolicy;
}

/** Buffers for chunks of d columns. */
export function createChunkBuffers(
  families: readonly AnyComponentFamily[],
  d: number,
  blockSize: number,
  missing: MissingPolicy = 'error',
): ChunkBuffers {
  const k = families.length;
  return {
    families,
    groups: groupFamilies(families),
    k,
    d,
    blockSize,
    block: NO_ROWS,
    kernel: undefined,
    stats: families.map((family) => family.createStats(d)),
    totals: new Float64Array(k),
    blockTotals: new Float64Array(k),
    scratch: new EStepScratch(),
    missing,
  };
}

/**
 * Coerces and validates one chunk (finite values, `d` columns, each distinct family's
 * `validate`), naming it `argument` (e.g. `chunks[3]`) in errors; rows count within the chunk.
 */
export function toChunk(input: MatrixInput, argument: string, buffers: ChunkBuffers): Matrix {
  const X = toMatrix(input, { argument, allowEmpty: true, missing: buffers.missing });
  if (X.rows > 0 && X.cols !== buffers.d) {
    throw new InvalidInputError(
      { argument, value: X.cols },
      `expected ${buffers.d} columns (those of the first chunk or the initial parameters)`,
    );
  }
  for (const { family } of buffers.groups) family.validate(X, argument);
  if (X.missingRows !== undefined) assertMissingCellTreatments(buffers.groups);
  return X;
}

/**
 * A workspace over one chunk's rows, sharing `buffers`: no allocation beyond the object (and,
 * when the families prefer kernel memory, a view of the chunk copied there; the kernel memory
 * itself is allocated again only for a larger chunk).
 */
export function chunkWorkspace(buffers: ChunkBuffers, chunk: Matrix): EmWorkspace {
  const { k, blockSize } = buffers;
  if (buffers.kernel === undefined || buffers.kernel.data.length < chunk.data.length) {
    buffers.kernel = kernelArrays(buffers.families, chunk.data.length, blockSize * k);
  }
  let X = chunk;
  let block: Float64Array;
  if (buffers.kernel !== undefined) {
    const data = buffers.kernel.data.subarray(0, chunk.data.length);
    data.set(chunk.data);
    X = withMarks({ rows: chunk.rows, cols: chunk.cols, data }, chunk.missingRows);
    block = buffers.kernel.block;
  } else {
    const needed = Math.min(blockSize, chunk.rows) * k;
    if (buffers.block.length < needed) buffers.block = new Float64Array(needed);
    block = buffers.block;
  }
  let filled: Matrix | undefined;
  return {
    X,
    remote: undefined,
    rowReader: undefined,
    // Only re-seeding statistics read it (the first pass): filled on first need, per chunk, with
    // the chunk's own column medians.
    get initX(): Matrix {
      filled ??= fillMissingCells(X);
      return filled;
    },
    n: X.rows,
    d: buffers.d,
    k,
    families: buffers.families,
    groups: buffers.groups,
    sampleWeight: undefined,
    totalWeight: X.rows,
    positiveRows: X.rows,
    logPriors: undefined,
    blockSize,
    block,
    stats: buffers.stats,
    totals: buffers.totals,
    blockTotals: buffers.blockTotals,
    globalStats: new Map(),
    rowScores: NO_ROWS,
    worst: undefined,
    scratch: buffers.scratch,
    dataWarnings: [],
    // Chunks are placed in kernel memory by `createChunkBuffers` already.
    placed: true,
  };
}

/**
 * A data-free workspace around statistics summed over many chunks, for `mStep`: it has no
 * rows, so re-seeding an empty or degenerate component cannot pick a worst-explained row and
 * falls back to the whole data's statistics in `globalStats` (scaled; see `reseedComponent`).
 */
export function statisticsWorkspace(
  buffers: ChunkBuffers,
  stats: unknown[],
  totals: Float64Array,
  totalWeight: number,
  globalStats: Map<AnyComponentFamily, unknown>,
): EmWorkspace {
  const empty = { rows: 0, cols: buffers.d, data: NO_ROWS };
  return {
    X: empty,
    remote: undefined,
    rowReader: undefined,
    initX: empty,
    n: 0,
    d: buffers.d,
    k: buffers.k,
    families: buffers.families,
    groups: buffers.groups,
    sampleWeight: undefined,
    totalWeight,
    positiveRows: totalWeight,
    logPriors: undefined,
    blockSize: buffers.blockSize,
    block: NO_ROWS,
    stats,
    totals,
    blockTotals: buffers.blockTotals,
    globalStats,
    rowScores: NO_ROWS,
    worst: undefined,
    scratch: buffers.scratch,
    dataWarnings: [],
    // Chunks are placed in kernel memory by `createChunkBuffers` already.
    placed: true,
  };
}
