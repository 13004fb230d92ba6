import { type ComponentFamily, DegenerateComponentError, type Matrix } from '@mixkit/core';

/**
 * Sufficient statistics made of plain weighted sums: the total weight Σw, per-column vectors
 * Σw·f(x) (the `V` fields) and scalar sums (the `S` fields). Every entry is linear in the
 * weights, so merging adds entry by entry and scaling multiplies entry by entry.
 */
export type WeightedSums<V extends string, S extends string = never> = { weight: number } & {
  readonly [K in V]: Float64Array;
} & { [K in S]: number };

/**
 * Adds the sums of rows `[start, end)` (row i weighted by `weights[weightOffset + (i − start)·
 * weightStride]`, zero weights skipped) into the sums of `stats`, and returns their total weight.
 * Called once per row range, never per element.
 */
export type AddWeightedRows<T> = (
  stats: T,
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
) => number;

type Statistics<T> = Pick<
  ComponentFamily<unknown, T>,
  'createStats' | 'accumulate' | 'merge' | 'scale' | 'totalWeight'
>;

/**
 * The statistics members of a family whose statistics are weighted sums: `createStats` makes
 * `{weight: 0, <vector>: zeros(dimension)…, <scalar>: 0…}` (a family whose vectors are not of
 * length d overrides it), `accumulate` runs `addRows` and adds its total weight, `merge` adds
 * and `scale` multiplies every sum.
 */
export function weightedSums<V extends string, S extends string = never>(
  vectors: readonly V[],
  addRows: AddWeightedRows<NoInfer<WeightedSums<V, S>>>,
  scalars: readonly S[] = [],
): Statistics<WeightedSums<V, S>> {
  const vectorsOf = (stats: WeightedSums<V, S>) => stats as unknown as Record<V, Float64Array>;
  const scalarsOf = (stats: WeightedSums<V, S>) => stats as unknown as Record<S, number>;
  return {
    createStats(dimension) {
      const stats: Record<string, number | Float64Array> = { weight: 0 };
      for (const name of vectors) stats[name] = new Float64Array(dimension);
      for (const name of scalars) stats[name] = 0;
      return stats as WeightedSums<V, S>;
    },
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      stats.weight += addRows(stats, X, start, end, weights, weightOffset, weightStride);
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      const into = scalarsOf(target);
      const from = scalarsOf(source);
      for (let s = 0; s < scalars.length; s++) into[scalars[s]] += from[scalars[s]];
      for (let v = 0; v < vectors.length; v++) {
        const sum = vectorsOf(target)[vectors[v]];
        const other = vectorsOf(source)[vectors[v]];
        for (let j = 0; j < sum.length; j++) sum[j] += other[j];
      }
      return target;
    },
    scale(stats, factor) {
      stats.weight *= factor;
      const values = scalarsOf(stats);
      for (let s = 0; s < scalars.length; s++) values[scalars[s]] *= factor;
      for (let v = 0; v < vectors.length; v++) {
        const sum = vectorsOf(stats)[vectors[v]];
        for (let j = 0; j < sum.length; j++) sum[j] *= factor;
      }
      return stats;
    },
    totalWeight: (stats) => stats.weight,
  };
}

/**
 * Σw·x per column into `stats.sum`, Σw·log x into `stats.sumLog` when the statistics have one
 * (Poisson, exponential and Bernoulli keep Σw·x only; gamma both), and Σw over the rows where
 * each column is observed into `stats.observed` (the weight each column's estimate divides by).
 * A row that `X.missingRows` marks adds only its observed cells (missing cells, NaN, are
 * marginalised out: the `'marginal'` treatment); every other row adds all of them, and its weight
 * reaches `observed` as one total per call, so on complete data `observed[j]` has the same bits
 * as `weight`.
 */
export const addColumnSums: AddWeightedRows<{
  readonly sum: Float64Array;
  readonly sumLog?: Float64Array;
  readonly observed: Float64Array;
}> = (stats, X, start, end, weights, weightOffset, weightStride) => {
  const { data, cols, missingRows } = X;
  const { sum, sumLog, observed } = stats;
  let total = 0;
  let complete = 0;
  for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
    const weight = weights[w];
    if (weight === 0) continue;
    total += weight;
    const row = i * cols;
    if (missingRows !== undefined && missingRows[i] === 1) {
      addObservedCells(data, row, cols, weight, sum, sumLog, observed);
      continue;
    }
    complete += weight;
    if (sumLog === undefined) {
      for (let j = 0; j < cols; j++) sum[j] += weight * data[row + j];
      continue;
    }
    for (let j = 0; j < cols; j++) {
      const x = data[row + j];
      sum[j] += weight * x;
      sumLog[j] += weight * Math.log(x);
    }
  }
  for (let j = 0; j < cols; j++) observed[j] += complete;
  return total;
};

/** The observed cells of one row with missing cells, into the column sums. */
function addObservedCells(
  data: Float64Array,
  row: number,
  cols: number,
  weight: number,
  sum: Float64Array,
  sumLog: Float64Array | undefined,
  observed: Float64Array,
): void {
  for (let j = 0; j < cols; j++) {
    const x = data[row + j];
    if (Number.isNaN(x)) continue;
    observed[j] += weight;
    sum[j] += weight * x;
    if (sumLog !== undefined) sumLog[j] += weight * Math.log(x);
  }
}

/**
 * The weight column `column`'s estimate divides by: Σw over the rows where it is observed.
 * Throws `DegenerateComponentError(kind, 'empty')` when it is not positive and finite (every
 * row of the component misses that column).
 */
export function observedWeight(kind: string, observed: Float64Array, column: number): number {
  const weight = observed[column];
  if (!(weight > 0 && weight < Number.POSITIVE_INFINITY)) {
    throw new DegenerateComponentError(
      kind,
      'empty',
      `column ${column} has observed weight ${weight} (every row of the component misses it)`,
    );
  }
  return weight;
}
