import {
  assertInteger,
  assertUnreachable,
  createMatrix,
  InvalidInputError,
  type Matrix,
  type RandomInput,
  type RandomSource,
  toRandom,
} from '@mixkit/core';
import { sampleCategorical, sampleGamma, samplePoisson } from '@mixkit/distributions';
import { assertSampleCount, componentSizes, toMixingWeights } from './internal/componentSizes.js';
import { shuffleRows } from './internal/shuffleRows.js';
import { mixedColumnParameters } from './mixedColumns.js';
import type { MixedColumn, MixedColumnParameters, MixedColumnType } from './mixedColumnTypes.js';
import type { SyntheticDataset } from './syntheticDataset.js';

/** Options of `makeMixedTypes`. */
export interface MakeMixedTypesOptions {
  /** Rows. Default 500. */
  readonly nSamples?: number;
  /** Components, when `weights` does not fix it. Default 3. */
  readonly nClusters?: number;
  /** Mixing weights (normalised to sum 1). Default uniform. */
  readonly weights?: readonly number[];
  /**
   * The columns, in order, each with optional true per-component parameters (drawn from the seed
   * when absent). Default: two Gaussian columns, one Poisson count column and one categorical
   * column with 4 levels.
   */
  readonly columns?: readonly MixedColumn[];
  /** Shuffle the rows (otherwise grouped by component). Default true. */
  readonly shuffle?: boolean;
  /** Seed or random source. Default seed 0. */
  readonly random?: RandomInput;
}

/** The true parameters of `makeMixedTypes` data. */
export interface MixedTypesParameters {
  /** Mixing weights, summing to 1. */
  readonly weights: Float64Array;
  /** Per column, every component's parameters (index c of each array is component c). */
  readonly columns: readonly MixedColumnParameters[];
}

/** What `makeMixedTypes` returns: the dataset plus the type of each column. */
export interface MixedTypesDataset extends SyntheticDataset<MixedTypesParameters> {
  /** The family of each column: continuous (`gaussian`, `gamma`), counts, codes or 0/1. */
  readonly columnTypes: readonly MixedColumnType[];
}

const defaultColumns: readonly MixedColumn[] = [
  { type: 'gaussian' },
  { type: 'gaussian' },
  { type: 'poisson' },
  { type: 'categorical', levels: 4 },
];

/**
 * A table from a heterogeneous mixture: within a component the columns are independent, each
 * from its own family (Gaussian, Poisson counts, categorical codes 0..L-1, Gamma, Bernoulli).
 * This is the data a product-of-families mixture models. Component c gets `round(n w_c)` rows;
 * draws use `@mixkit/distributions`' samplers. Deterministic under a seed: parameters (column
 * by column, component by component), then for each component each column's rows, then the
 * shuffle.
 */
export function makeMixedTypes(options: MakeMixedTypesOptions = {}): MixedTypesDataset {
  const random = toRandom(options.random);
  const n = options.nSamples ?? 500;
  assertSampleCount(n);
  const k = options.weights?.length ?? options.nClusters ?? 3;
  assertInteger(k, 'nClusters', 1);
  const weights = toMixingWeights(options.weights, k);
  const specs = options.columns ?? defaultColumns;
  if (specs.length === 0) {
    throw new InvalidInputError({ argument: 'columns' }, 'expected at least one column');
  }
  const columns = specs.map((spec, j) => mixedColumnParameters(spec, k, `columns[${j}]`, random));
  const d = columns.length;
  const sizes = componentSizes(n, weights);
  const X = createMatrix(n, d);
  const labels = new Int32Array(n);
  let start = 0;
  for (let c = 0; c < k; c++) {
    const end = start + sizes[c];
    labels.fill(c, start, end);
    for (let j = 0; j < d; j++) fillColumn(X, j, start, end, columns[j], c, random);
    start = end;
  }
  if (options.shuffle ?? true) shuffleRows(X, labels, random);
  return {
    X,
    labels,
    columnTypes: columns.map((column) => column.type),
    parameters: { weights, columns },
  };
}

/** Draws rows [start, end) of column j from component c's parameters for that column. */
function fillColumn(
  X: Matrix,
  j: number,
  start: number,
  end: number,
  column: MixedColumnParameters,
  c: number,
  random: RandomSource,
): void {
  const { data, cols } = X;
  switch (column.type) {
    case 'gaussian': {
      const mean = column.means[c];
      const std = column.stds[c];
      for (let i = start; i < end; i++) data[i * cols + j] = mean + std * random.normal();
      return;
    }
    case 'poisson': {
      const rate = column.rates[c];
      for (let i = start; i < end; i++) data[i * cols + j] = samplePoisson(rate, random);
      return;
    }
    case 'categorical': {
      const offset = c * column.levels;
      const probabilities = column.probabilities.data;
      for (let i = start; i < end; i++) {
        data[i * cols + j] = sampleCategorical(probabilities, offset, column.levels, random);
      }
      return;
    }
    case 'gamma': {
      const shape = column.shapes[c];
      const rate = column.rates[c];
      for (let i = start; i < end; i++) data[i * cols + j] = sampleGamma(shape, random) / rate;
      return;
    }
    case 'bernoulli': {
      const p = column.probabilities[c];
      for (let i = start; i < end; i++) data[i * cols + j] = random.uniform() < p ? 1 : 0;
      return;
    }
    default:
      assertUnreachable(column, 'column type');
  }
}
