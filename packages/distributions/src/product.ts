import {
  type AnyComponentFamily,
  type ComponentFamily,
  type FamilySpec,
  type FitWarning,
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

/** A product family, with its blocks. */
export type ProductFamily<B extends readonly ProductBlock[]> = ComponentFamily<
  ProductParams<B>,
  ProductStats<B>
> & {
  /** The blocks, as given to `product`. */
  readonly blocks: B;
};

const KIND = 'product';

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
 * Each call gathers the rows it is given ([start, end)) of a block's columns into a contiguous
 * scratch buffer (grown, never shrunk) and passes the block's family rows [0, end − start) of
 * it, so no block family ever sees the full data's layout, and nothing is cached between calls:
 * a caller may refill one data buffer chunk after chunk (out-of-core reading) and every call
 * reads what the buffer holds now. (An earlier cache keyed on the buffer's identity returned the
 * previous chunk's columns.) A block covering all columns in order reads `X` directly.
 */
export function product<const B extends readonly ProductBlock[]>(blocks: B): ProductFamily<B> {
  const list = checkBlocks(blocks);
  const dimension = list.reduce((sum, block) => sum + block.columns.length, 0);
  const families = list.map((block) => block.family);
  const identity = list.map(
    (block) => block.columns.length === dimension && block.columns.every((c, i) => c === i),
  );
  const columns = list.map((block) => Int32Array.from(block.columns));
  // A block over consecutive ascending columns (the common case) copies a contiguous run.
  const firstColumn = list.map((block) =>
    block.columns.every((c, i) => c === block.columns[0] + i) ? block.columns[0] : -1,
  );
  let gathered = new Float64Array(0);
  let blockMarks = new Uint8Array(0);
  let scratch = new Float64Array(0);

  /**
   * Rows [start, end) of block b's columns of X, as a matrix whose rows 0 .. end − start hold
   * them (in the shared scratch, valid until the next call), or X itself for an identity block.
   * When X marks rows with missing cells, the block's matrix marks (in its own scratch) those of
   * its rows that miss one of the block's own columns, and carries no marks when none does: a
   * block sees missing cells only in its own columns.
   */
  function gather(X: Matrix, b: number, start: number, end: number): Matrix {
    if (X.cols !== dimension) {
      throw new InvalidInputError(
        { argument: 'X', value: X.cols },
        `${KIND}: expected ${dimension} columns`,
      );
    }
    const cols = columns[b];
    const width = cols.length;
    const rows = end - start;
    if (gathered.length < rows * width) gathered = new Float64Array(rows * width);
    const data = X.data;
    const first = firstColumn[b];
    if (first >= 0) {
      for (let i = 0; i < rows; i++) {
        const from = (start + i) * dimension + first;
        const to = i * width;
        for (let k = 0; k < width; k++) gathered[to + k] = data[from + k];
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const from = (start + i) * dimension;
        const to = i * width;
        for (let k = 0; k < width; k++) gathered[to + k] = data[from + cols[k]];
      }
    }
    const block = { rows, cols: width, data: gathered.subarray(0, rows * width) };
    const marks = X.missingRows;
    if (marks === undefined) return block;
    if (blockMarks.length < rows) blockMarks = new Uint8Array(rows);
    let any = false;
    for (let i = 0; i < rows; i++) {
      let mark = 0;
      if (marks[start + i] === 1) {
        for (let k = 0, o = i * width; k < width; k++, o++) {
          if (Number.isNaN(gathered[o])) {
            mark = 1;
            any = true;
            break;
          }
        }
      }
      blockMarks[i] = mark;
    }
    return any ? { ...block, missingRows: blockMarks.subarray(0, rows) } : block;
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
      if (X.missingRows !== undefined && missingCells === undefined) {
        const lacking = list.find((block) => block.family.missingCells === undefined);
        throw new UnsupportedMissingCellsError(
          KIND,
          `its ${lacking?.family.kind} block over columns [${lacking?.columns.join(', ')}] has no missing-cell treatment`,
        );
      }
      list.forEach((block, b) => {
        try {
          block.family.validate(identity[b] ? X : gather(X, b, 0, X.rows), argument);
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
      for (let b = 0; b < families.length; b++) {
        // Each block gets its own part of the current parameters (for latent-variable blocks).
        const part = current?.[b];
        if (identity[b]) {
          families[b].accumulate(
            stats[b],
            X,
            start,
            end,
            weights,
            weightOffset,
            weightStride,
            part,
          );
          continue;
        }
        const block = gather(X, b, start, end);
        families[b].accumulate(
          stats[b],
          block,
          0,
          end - start,
          weights,
          weightOffset,
          weightStride,
          part,
        );
      }
      return stats;
    },
    merge(target, source) {
      for (let b = 0; b < families.length; b++) families[b].merge(target[b], source[b]);
      return target;
    },
    scale(stats, factor) {
      for (let b = 0; b < families.length; b++) families[b].scale(stats[b], factor);
      return stats;
    },
    totalWeight: (stats) => families[0].totalWeight(stats[0]),
    estimate: (stats, previous) => families.map((f, b) => f.estimate(stats[b], previous?.[b])),
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const n = end - start;
      if (identity[0]) {
        families[0].logDensity(params[0], X, start, end, out, outOffset, outStride);
      } else {
        families[0].logDensity(
          params[0],
          gather(X, 0, start, end),
          0,
          n,
          out,
          outOffset,
          outStride,
        );
      }
      if (families.length === 1) return out;
      if (scratch.length < n) scratch = new Float64Array(n);
      for (let b = 1; b < families.length; b++) {
        // Only block 0 can be an identity block when there are several (columns partition).
        families[b].logDensity(params[b], gather(X, b, start, end), 0, n, scratch, 0, 1);
        for (let i = 0, o = outOffset; i < n; i++, o += outStride) out[o] += scratch[i];
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
            buffer[offset + i * dimension + block.columns[k]] = draws[i * width + k];
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
        const params = blockParamsFromJSON(block.family, parts[b] as SerializedParams, b);
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
  if (families.some((f) => f.logPrior !== undefined)) {
    family.logPrior = (params) =>
      families.reduce((sum, f, b) => sum + (f.logPrior?.(params[b]) ?? 0), 0);
  }
  family.checkParams = (value, argument) => {
    if (!Array.isArray(value) || value.length !== families.length) {
      throw new InvalidInputError(
        { argument, value },
        `expected product parameters: one entry per block (${families.length})`,
      );
    }
    families.forEach((f, b) => {
      f.checkParams?.(value[b], `${argument}[${b}]`);
    });
  };
  if (families.some((f) => f.forData !== undefined)) {
    family.forData = (stats) => {
      const warnings: FitWarning[] = [];
      let changed = false;
      const resolved = list.map((block, b) => {
        const bound = block.family.forData?.(stats[b]);
        if (bound === undefined) return block;
        for (const warning of bound.warnings) {
          // Report the data's column, not the block's own index.
          warnings.push(
            warning.kind === 'regularization-dominates'
              ? { ...warning, column: block.columns[warning.column] ?? warning.column }
              : warning,
          );
        }
        if (bound.family === undefined) return block;
        changed = true;
        return { columns: block.columns, family: bound.family };
      });
      if (!changed) return { warnings };
      const rebuilt: AnyComponentFamily = product(resolved);
      return { family: rebuilt, warnings };
    };
  }
  return Object.assign(family, { blocks }) as unknown as ProductFamily<B>;
}

/**
 * A block's `paramsFromJSON`, its errors' field paths put under `json.blocks[b]` (the block's
 * own `json.rates` becomes `json.blocks[1].rates`), so a loader can say where a bad value is.
 */
function blockParamsFromJSON(
  family: AnyComponentFamily,
  json: SerializedParams,
  b: number,
): unknown {
  try {
    return family.paramsFromJSON(json);
  } catch (error) {
    if (!InvalidInputError.isInstance(error)) throw error;
    const field = error.argument.startsWith('json')
      ? error.argument.slice(4)
      : `.${error.argument}`;
    throw new InvalidInputError(
      {
        argument: `json.blocks[${b}]${field}`,
        row: error.row,
        column: error.column,
        value: error.value,
      },
      reasonOf(error),
    );
  }
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
