import {
  assertInteger,
  assertNumber,
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  InvalidInputError,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';
import { ParamsReader } from './json/paramsReader.js';
import { sumOf } from './multinomial.js';
import { outputRows } from './sampling/outputRows.js';
import { sampleCategorical } from './sampling/sampleCategorical.js';
import { type AddWeightedRows, weightedSums } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { DEFAULT_MIN_PROBABILITY, smoothProbabilities } from './support/smoothProbabilities.js';
import { missingRowsFor, validateShape } from './support/validateSupport.js';

/** Options of {@link categorical}. */
export interface CategoricalOptions {
  /**
   * Number of levels of each column: an array (one entry per column, fixing the column count)
   * or one number shared by every column. Column j holds integer codes 0 .. levels[j] − 1.
   */
  readonly levels: number | readonly number[];
  /** Dirichlet pseudocount added to every level's count (default 0: maximum likelihood). */
  readonly pseudocount?: number;
  /** Floor on estimated level probabilities before renormalising (default 1e-10). */
  readonly minProbability?: number;
}

/** Independent categorical columns. */
export interface CategoricalParams {
  /** Levels of each column. */
  readonly levels: Int32Array;
  /** Index of column j's first level in `probabilities` (cache: prefix sums of `levels`). */
  readonly offsets: Int32Array;
  /** All columns' level probabilities, concatenated; each column's block sums to 1. */
  readonly probabilities: Float64Array;
  /** Cache: log of `probabilities`. */
  readonly logProbabilities: Float64Array;
}

/** Weighted sufficient statistics: Σw and the weighted count of every level (concatenated). */
export interface CategoricalStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Weighted count of each level of each column, laid out as `probabilities`. */
  readonly counts: Float64Array;
}

const KIND = 'categorical';

/**
 * Throws `DegenerateComponentError('empty')` when column `column` has no observed weight and no
 * pseudocount (every row of the component misses it), which would give 0/0 probabilities.
 */
function assertObservedColumn(
  counts: Float64Array,
  offset: number,
  length: number,
  pseudocount: number,
  column: number,
): void {
  let total = 0;
  for (let l = offset; l < offset + length; l++) total += counts[l];
  if (total > 0 || pseudocount > 0) return;
  throw new DegenerateComponentError(
    KIND,
    'empty',
    `column ${column} has observed weight ${total} (every row of the component misses it)`,
  );
}

function prefixSums(levels: ArrayLike<number>): Int32Array {
  const offsets = new Int32Array(levels.length + 1);
  for (let j = 0; j < levels.length; j++) offsets[j + 1] = offsets[j] + levels[j];
  return offsets;
}

/** Builds categorical parameters (with their caches) from one probability vector per column. */
export function categoricalParams(probabilities: readonly ArrayLike<number>[]): CategoricalParams {
  const levels = Int32Array.from(probabilities, (p) => p.length);
  const offsets = prefixSums(levels);
  const flat = new Float64Array(offsets[levels.length]);
  for (let j = 0; j < probabilities.length; j++) flat.set(Array.from(probabilities[j]), offsets[j]);
  return { levels, offsets, probabilities: flat, logProbabilities: flat.map(Math.log) };
}

/**
 * Independent categorical columns of integer codes: log p(x) = Σⱼ log pⱼ[xⱼ].
 * Estimate (MAP with a symmetric Dirichlet(pseudocount + 1) prior, ML when 0):
 * pⱼ[ℓ] = (count + pseudocount) / Σ(count + pseudocount), floored at `minProbability` and
 * renormalised. Missing cells (`'marginal'`): they count towards no level, so each
 * column's probabilities come from the rows that observe it. Free parameters: Σⱼ (levelsⱼ − 1).
 */
export function categorical(
  options: CategoricalOptions,
): ComponentFamily<CategoricalParams, CategoricalStats> {
  const { levels } = options ?? {};
  const pseudocount = options?.pseudocount ?? 0;
  const minProbability = options?.minProbability ?? DEFAULT_MIN_PROBABILITY;
  const fixed = Array.isArray(levels) ? Int32Array.from(levels as readonly number[]) : undefined;
  if (fixed !== undefined) {
    if (fixed.length === 0) {
      throw new InvalidInputError(
        { argument: 'levels', value: levels },
        'expected at least one column',
      );
    }
    for (let j = 0; j < fixed.length; j++) {
      assertInteger((levels as readonly unknown[])[j], `levels[${j}]`, 1);
    }
  } else {
    assertInteger(levels, 'levels', 1);
  }
  const shared = fixed === undefined ? (levels as number) : 0;
  assertNumber(pseudocount, 'pseudocount', { min: 0 });
  assertNumber(minProbability, 'minProbability', { min: 0, max: 0.5 });

  let cached: Int32Array = fixed !== undefined ? prefixSums(fixed) : prefixSums([]);
  /** Level offsets for data with `d` columns (recomputed only when d changes). */
  const offsetsFor = (d: number): Int32Array => {
    if (cached.length !== d + 1) cached = prefixSums(new Array<number>(d).fill(shared));
    return cached;
  };

  /** Adds Σw to the count of each row's level in every column; returns Σw. */
  const addLevelCounts: AddWeightedRows<CategoricalStats> = (
    stats,
    X,
    start,
    end,
    weights,
    weightOffset,
    weightStride,
  ) => {
    const { data, cols, missingRows } = X;
    const offsets = offsetsFor(cols);
    const counts = stats.counts;
    let total = 0;
    for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
      const weight = weights[w];
      if (weight === 0) continue;
      total += weight;
      const row = i * cols;
      if (missingRows !== undefined && missingRows[i] === 1) {
        // A missing cell (NaN) counts towards no level: its column's total is its observed weight.
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (!Number.isNaN(x)) counts[offsets[j] + x] += weight;
        }
        continue;
      }
      for (let j = 0; j < cols; j++) counts[offsets[j] + data[row + j]] += weight;
    }
    return total;
  };

  return {
    kind: KIND,
    spec: (): FamilySpec => ({
      kind: KIND,
      options: {
        levels: fixed !== undefined ? Array.from(fixed) : shared,
        pseudocount,
        minProbability,
      },
    }),
    validate(X: Matrix, argument = 'X'): void {
      validateShape(X, argument, KIND, fixed?.length);
      const marks = missingRowsFor(X, KIND, 'accept-missing');
      const { data, cols } = X;
      for (let index = 0; index < data.length; index++) {
        const value = data[index];
        const column = index % cols;
        if (Number.isNaN(value) && marks?.[Math.floor(index / cols)] === 1) continue;
        const count = fixed !== undefined ? fixed[column] : shared;
        if (!(Number.isInteger(value) && value >= 0 && value < count)) {
          throw new InvalidInputError(
            { argument, row: Math.floor(index / cols), column, value },
            `${KIND} codes of this column must be integers in [0, ${count - 1}]`,
          );
        }
      }
    },
    missingCells: 'marginal',
    ...weightedSums(['counts'], addLevelCounts),
    // Replaces the spread createStats: the counts vector has Σⱼ levelsⱼ entries, not d.
    createStats(dimension) {
      if (fixed !== undefined && dimension !== fixed.length) {
        throw new InvalidInputError(
          { argument: 'dimension', value: dimension },
          `${KIND}: the family has ${fixed.length} columns`,
        );
      }
      return { weight: 0, counts: new Float64Array(offsetsFor(dimension)[dimension]) };
    },
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = fixed?.length ?? stats.counts.length / shared;
      const offsets = offsetsFor(d);
      const p = new Float64Array(stats.counts.length);
      for (let j = 0; j < d; j++) {
        const length = offsets[j + 1] - offsets[j];
        assertObservedColumn(stats.counts, offsets[j], length, pseudocount, j);
        smoothProbabilities(stats.counts, offsets[j], length, pseudocount, minProbability, p);
      }
      const columns = Array.from({ length: d }, (_, j) => p.subarray(offsets[j], offsets[j + 1]));
      return categoricalParams(columns);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols, missingRows } = X;
      const { levels, offsets, logProbabilities } = params;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        const marked = missingRows !== undefined && missingRows[i] === 1;
        let value = 0;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (!(x >= 0 && x < levels[j] && x === Math.floor(x))) {
            // A missing cell drops out of the sum (its levels' probabilities sum to 1).
            if (marked && Number.isNaN(x)) continue;
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          value += logProbabilities[offsets[j] + x];
        }
        out[o] = value;
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const d = params.levels.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          buffer[offset + i * d + j] = sampleCategorical(
            params.probabilities,
            params.offsets[j],
            params.levels[j],
            random,
          );
        }
      }
      return buffer;
    },
    dimension: (params) => params.levels.length,
    nParameters: (params) => params.probabilities.length - params.levels.length,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      probabilities: Array.from(params.levels, (_, j) =>
        Array.from(params.probabilities.subarray(params.offsets[j], params.offsets[j + 1])),
      ),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const rows = reader.numberRows('probabilities', { min: 0, max: 1 });
      rows.forEach((row, j) => {
        const expected = fixed !== undefined ? fixed[j] : shared;
        if (row.length !== expected || (fixed !== undefined && rows.length !== fixed.length)) {
          throw new InvalidInputError(
            { argument: 'json.probabilities', row: j, value: row.length },
            `${KIND}: the family expects levels ${JSON.stringify(fixed ? Array.from(fixed) : shared)}`,
          );
        }
        reader.sumsToOne('probabilities', row);
      });
      return categoricalParams(rows);
    },
    checkParams: paramsShape(KIND, 'categoricalParams', {
      levels: 'array',
      offsets: 'array',
      probabilities: 'array',
      logProbabilities: 'array',
    }),
    // The Dirichlet(pseudocount + 1) prior of every column: pseudocount · Σⱼ Σℓ log pⱼ[ℓ].
    ...(pseudocount > 0
      ? { logPrior: (params) => pseudocount * sumOf(params.logProbabilities) }
      : {}),
  };
}
