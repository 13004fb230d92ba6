import {
  type AnyComponentFamily,
  type ComponentFamily,
  createMatrix,
  type FamilySpec,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type ParamsOf,
  type SerializedParams,
  type StatsOf,
  UnsupportedMissingCellsError,
} from '@mixkit/core';
import { ParamsReader } from './json/paramsReader.js';
import { outputRows } from './sampling/outputRows.js';
import { validateShape } from './support/validateSupport.js';

/** One block of a product family: a family over some columns of the data. */
export interface ProductBlock<F extends AnyComponentFamily = AnyComponentFamily> {
  /** The data columns (absolute, 0-based) the block's family reads, in the order it reads them. */
  readonly columns: readonly number[];
  /** The family that models those columns. */
  readonly family: F;
}

type BlockParams<T> = T extends ProductBlock<infer F> ? ParamsOf<F> : never;
type BlockStats<T> = T extends ProductBlock<infer F> ? StatsOf<F> : never;

/** Parameters of a product: one entry per block, in block order. */
export type ProductParams<B extends readonly ProductBlock[]> = {
  readonly [K in keyof B]: BlockParams<B[K]>;
};

/** Statistics of a product: one entry per block, in block order. */
export type ProductStats<B extends readonly ProductBlock[]> = { [K in keyof B]: BlockStats<B[K]> };

/** A product family, with its blocks and a way to drop its gathered-column cache. */
export type ProductFamily<B extends readonly ProductBlock[]> = ComponentFamily<
  ProductParams<B>,
  ProductStats<B>
> & {
  /** The blocks, as given to `product`. */
  readonly blocks: B;
  /** Forgets the gathered column blocks of every data matrix seen so far. */
  clearCache(): void;
};

const KIND = 'product';

interface Gathered {
  readonly rows: number;
  readonly cols: number;
  /** The row marks the blocks were gathered with. */
  readonly marks: Uint8Array | undefined;
  readonly blocks: readonly Matrix[];
}

/**
 * The treatment of missing cells of a product: none unless every block has one; the blocks'
 * common treatment when they agree, else `'mixed'` (a conditional block needs `current`, which
 * the product passes on).
 */
function productMissingCells(
  blocks: readonly ProductBlock[],
): ComponentFamily<unknown, unknown>['missingCells'] {
  const treatments = blocks.map((block) => block.family.missingCells);
  if (treatments.some((treatment) => treatment === undefined)) return undefined;
  const first = treatments[0];
  return treatments.every((treatment) => treatment === first) ? first : 'mixed';
}

/**
 * The marks of a block's rows: row i is marked when one of the block's columns is NaN in a row
 * `marks` marks; undefined when no row of the block misses a cell.
 */
function blockMarks(
  X: Matrix,
  marks: Uint8Array,
  columns: readonly number[],
): Uint8Array | undefined {
  let out: Uint8Array | undefined;
  const d = X.cols;
  for (let i = 0; i < X.rows; i++) {
    if (marks[i] !== 1) continue;
    for (let k = 0; k < columns.length; k++) {
      if (!Number.isNaN(X.data[i * d + columns[k]])) continue;
      out ??= new Uint8Array(X.rows);
      out[i] = 1;
      break;
    }
  }
  return out;
}

/** Drops the location prefix and value suffix core's InvalidInputError puts in its message. */
function reasonOf(error: InvalidInputError): string {
  const message = error.message.slice(error.message.indexOf(': ') + 2);
  const suffix = message.lastIndexOf(' (got ');
  return 'value' in error && suffix >= 0 ? message.slice(0, suffix) : message;
}

/**
 * Independent blocks of columns, each with its own family: log p(x) = Σ_b log p_b(x[columns_b]).
 * This is how mixed-type data is clustered, e.g.
 * `product([{ columns: [0, 1], family: gaussianFull() }, { columns: [2], family: poisson() }])`.
 *
 * The blocks' columns must partition 0 .. D − 1 (every column read by exactly one block).
 * Missing cells: each block sees only its own columns' (a block whose columns are complete in a
 * row reads that row on its ordinary path); the product handles them when every block does.
 * Statistics and parameters are tuples of the blocks' own; `estimateAll` exists when some block
 * has it (e.g. a tied Gaussian), and shared parameters are summed over blocks.
 *
 * Each block's columns are gathered into a contiguous matrix once per data matrix and cached
 * (weakly, keyed by `X.data`), so per-iteration calls copy and allocate nothing. Do not change a
 * data buffer's contents in place after passing it to a product family; pass a new buffer, or
 * call `clearCache()`. A block covering all columns in order reads `X` directly.
 */
export function product<const B extends readonly ProductBlock[]>(blocks: B): ProductFamily<B> {
  const list = checkBlocks(blocks);
  const dimension = list.reduce((sum, block) => sum + block.columns.length, 0);
  const families = list.map((block) => block.family);
  const identity = list.map(
    (block) => block.columns.length === dimension && block.columns.every((c, i) => c === i),
  );
  let cache = new WeakMap<Float64Array, Gathered>();
  let scratch = new Float64Array(0);

  function gather(X: Matrix): readonly Matrix[] {
    const hit = cache.get(X.data);
    const marks = X.missingRows;
    if (hit !== undefined && hit.rows === X.rows && hit.cols === X.cols && hit.marks === marks) {
      return hit.blocks;
    }
    if (X.cols !== dimension) {
      throw new InvalidInputError(
        { argument: 'X', value: X.cols },
        `${KIND}: expected ${dimension} columns`,
      );
    }
    const gathered = list.map((block, b) => {
      if (identity[b]) return X;
      const width = block.columns.length;
      const out = createMatrix(X.rows, width);
      for (let i = 0; i < X.rows; i++) {
        for (let k = 0; k < width; k++)
          out.data[i * width + k] = X.data[i * dimension + block.columns[k]!]!;
      }
      // A block sees missing cells only in its own columns.
      const own = marks === undefined ? undefined : blockMarks(X, marks, block.columns);
      return own === undefined ? out : { ...out, missingRows: own };
    });
    cache.set(X.data, { rows: X.rows, cols: X.cols, marks, blocks: gathered });
    return gathered;
  }

  const hasEstimateAll = families.some((family) => family.estimateAll !== undefined);
  const hasShared = families.some((family) => family.nSharedParameters !== undefined);
  type P = unknown[];
  type S = unknown[];

  const missingCells = productMissingCells(list);
  const family: ComponentFamily<P, S> = {
    kind: KIND,
    missingCells,
    spec: (): FamilySpec => ({
      kind: KIND,
      options: {
        blocks: list.map((block) => ({
          columns: [...block.columns],
          family: block.family.spec() as unknown as JsonValue,
        })),
      },
    }),
    validate(X: Matrix, argument = 'X'): void {
      validateShape(X, argument, KIND, dimension);
      const gathered = gather(X);
      if (X.missingRows !== undefined && missingCells === undefined) {
        const lacking = list.find((block) => block.family.missingCells === undefined);
        throw new UnsupportedMissingCellsError(
          KIND,
          `its ${lacking?.family.kind} block over columns [${lacking?.columns.join(', ')}] has no missing-cell treatment`,
        );
      }
      list.forEach((block, b) => {
        try {
          block.family.validate(gathered[b]!, argument);
        } catch (error) {
          if (!InvalidInputError.isInstance(error) || error.column === undefined) throw error;
          // Report the column of X, not the block's own column index.
          throw new InvalidInputError(
            { argument, row: error.row, column: block.columns[error.column], value: error.value },
            `in the ${block.family.kind} block over columns [${block.columns.join(', ')}]: ${reasonOf(error)}`,
          );
        }
      });
    },
    createStats(d) {
      if (d !== dimension) {
        throw new InvalidInputError(
          { argument: 'dimension', value: d },
          `${KIND}: expected ${dimension}`,
        );
      }
      return list.map((block) => block.family.createStats(block.columns.length));
    },
    accumulate(stats, X, start, end, weights, weightOffset, weightStride, current) {
      const gathered = gather(X);
      for (let b = 0; b < families.length; b++) {
        // Each block gets its own part of the current parameters (for latent-variable blocks).
        families[b]!.accumulate(
          stats[b],
          gathered[b]!,
          start,
          end,
          weights,
          weightOffset,
          weightStride,
          current?.[b],
        );
      }
      return stats;
    },
    merge(target, source) {
      for (let b = 0; b < families.length; b++) families[b]!.merge(target[b], source[b]);
      return target;
    },
    scale(stats, factor) {
      for (let b = 0; b < families.length; b++) families[b]!.scale(stats[b], factor);
      return stats;
    },
    totalWeight: (stats) => families[0]!.totalWeight(stats[0]),
    estimate: (stats, previous) => families.map((f, b) => f.estimate(stats[b], previous?.[b])),
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const gathered = gather(X);
      const n = end - start;
      families[0]!.logDensity(params[0], gathered[0]!, start, end, out, outOffset, outStride);
      if (families.length === 1) return out;
      if (scratch.length < n) scratch = new Float64Array(n);
      for (let b = 1; b < families.length; b++) {
        families[b]!.logDensity(params[b], gathered[b]!, start, end, scratch, 0, 1);
        for (let i = 0, o = outOffset; i < n; i++, o += outStride) out[o]! += scratch[i]!;
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const { buffer, offset } = outputRows(n, dimension, out, outRow);
      list.forEach((block, b) => {
        const width = block.columns.length;
        const draws = block.family.sample(params[b], n, random);
        for (let i = 0; i < n; i++) {
          for (let k = 0; k < width; k++) {
            buffer[offset + i * dimension + block.columns[k]!] = draws[i * width + k]!;
          }
        }
      });
      return buffer;
    },
    dimension: () => dimension,
    nParameters: (params) => families.reduce((sum, f, b) => sum + f.nParameters(params[b]), 0),
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      blocks: families.map((f, b) => f.paramsToJSON(params[b]) as unknown as JsonValue),
    }),
    paramsFromJSON(json) {
      ParamsReader.open(json, KIND);
      const parts = json.blocks;
      if (!Array.isArray(parts) || parts.length !== families.length) {
        throw new InvalidInputError(
          { argument: 'json.blocks', value: parts as JsonValue },
          `${KIND}: expected ${families.length} block parameter documents`,
        );
      }
      return list.map((block, b) => {
        const params = block.family.paramsFromJSON(parts[b] as SerializedParams);
        if (block.family.dimension(params) !== block.columns.length) {
          throw new InvalidInputError(
            { argument: 'json.blocks', row: b, value: block.family.dimension(params) },
            `${KIND}: block ${b} has ${block.columns.length} columns`,
          );
        }
        return params;
      });
    },
  };
  if (hasEstimateAll) {
    family.estimateAll = (stats, previous) => {
      const perBlock = families.map((f, b) => {
        const column = stats.map((s) => s[b]);
        const before = previous?.map((p) => p[b]);
        return f.estimateAll !== undefined
          ? f.estimateAll(column, before)
          : column.map((s, k) => f.estimate(s, before?.[k]));
      });
      return stats.map((_, k) => perBlock.map((params) => params[k]));
    };
  }
  if (hasShared) {
    family.nSharedParameters = (params) =>
      families.reduce((sum, f, b) => sum + (f.nSharedParameters?.(params[b]) ?? 0), 0);
  }
  return Object.assign(family, {
    blocks,
    clearCache(): void {
      cache = new WeakMap();
    },
  }) as unknown as ProductFamily<B>;
}

/** Checks the blocks: families, non-empty integer columns partitioning 0 .. D − 1. */
function checkBlocks(blocks: readonly ProductBlock[]): readonly ProductBlock[] {
  if (!Array.isArray(blocks) || blocks.length === 0) {
    throw new InvalidInputError(
      { argument: 'blocks', value: blocks as unknown },
      'expected at least one block',
    );
  }
  const owner = new Map<number, number>();
  blocks.forEach((block, b) => {
    const argument = `blocks[${b}]`;
    if (block == null || typeof block.family?.logDensity !== 'function') {
      throw new InvalidInputError({ argument: `${argument}.family` }, 'expected a ComponentFamily');
    }
    if (!Array.isArray(block.columns) || block.columns.length === 0) {
      throw new InvalidInputError(
        { argument: `${argument}.columns` },
        'expected a non-empty array of columns',
      );
    }
    for (const column of block.columns) {
      if (!Number.isInteger(column) || column < 0) {
        throw new InvalidInputError(
          { argument: `${argument}.columns`, value: column },
          'expected integers >= 0',
        );
      }
      if (owner.has(column)) {
        throw new InvalidInputError(
          { argument: `${argument}.columns`, value: column },
          `column ${column} is already read by block ${owner.get(column)}`,
        );
      }
      owner.set(column, b);
    }
  });
  for (let column = 0; column < owner.size; column++) {
    if (!owner.has(column)) {
      throw new InvalidInputError(
        { argument: 'blocks', value: column },
        `the blocks must cover columns 0..${owner.size - 1} exactly; column ${column} is missing`,
      );
    }
  }
  return blocks;
}
