import {
  type AnyComponentFamily,
  createMatrix,
  DegenerateComponentError,
  InvalidInputError,
  type Matrix,
  type RandomSource,
} from '@mixkit/core';

/** Thrown by a check to report a violated property (the message says which and where). */
export class ConformanceError extends Error {
  constructor(check: string, message: string) {
    super(`[${check}] ${message}`);
    this.name = 'ConformanceError';
  }
}

/** Draws `n` rows from `params` as a Matrix. */
export function sampleMatrix(
  family: AnyComponentFamily,
  params: unknown,
  n: number,
  random: RandomSource,
): Matrix {
  const d = family.dimension(params);
  return createMatrix(n, d, family.sample(params, n, random));
}

/** Rows `[start, end)` of `X` copied into a new matrix. */
export function sliceRows(X: Matrix, start: number, end: number): Matrix {
  return createMatrix(end - start, X.cols, X.data.slice(start * X.cols, end * X.cols));
}

/** Weights in [0, 2) with about one in five exactly zero. */
export function randomWeights(n: number, random: RandomSource): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = random.uniform() < 0.2 ? 0 : 2 * random.uniform();
  return weights;
}

/** Contiguous log-densities of all rows. */
export function logDensities(family: AnyComponentFamily, params: unknown, X: Matrix): Float64Array {
  return family.logDensity(params, X, 0, X.rows, new Float64Array(X.rows), 0, 1);
}

/**
 * Statistics of all rows with the given weights, under the `current` parameters when given (a
 * family with per-row latent variables forms its expectations from them; others ignore them).
 */
export function accumulateAll(
  family: AnyComponentFamily,
  X: Matrix,
  weights: Float64Array,
  current?: unknown,
): unknown {
  return family.accumulate(family.createStats(X.cols), X, 0, X.rows, weights, 0, 1, current);
}

/**
 * Compares two statistics values (numbers, typed arrays, arrays and plain objects, nested).
 * Numbers agree within `tolerance` relative to the larger magnitude; array entries within
 * `tolerance` relative to the largest magnitude in the array (so near-zero entries of a
 * scatter matrix are judged on the matrix's scale). Returns a description of the first
 * difference, or undefined when they agree.
 */
export function compareValues(
  a: unknown,
  b: unknown,
  tolerance: number,
  path = 'stats',
): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b)) return undefined;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    if (Math.abs(a - b) <= tolerance * scale) return undefined;
    return `${path}: ${a} vs ${b}`;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length) return `${path}: length ${x.length} vs ${y.length}`;
    let scale = 0;
    for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]), Math.abs(y[i]));
    for (let i = 0; i < x.length; i++) {
      if (Object.is(x[i], y[i])) continue;
      if (!(Math.abs(x[i] - y[i]) <= tolerance * scale)) {
        return `${path}[${i}]: ${x[i]} vs ${y[i]} (array scale ${scale})`;
      }
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const difference = compareValues(a[i], b[i], tolerance, `${path}[${i}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a).sort();
    const otherKeys = Object.keys(b).sort();
    if (keys.join() !== otherKeys.join()) return `${path}: keys ${keys} vs ${otherKeys}`;
    for (const key of keys) {
      const difference = compareValues(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        tolerance,
        `${path}.${key}`,
      );
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
}

/**
 * Compares the log-densities on `X` of the parameters two statistics estimate. Both estimates
 * may instead throw `DegenerateComponentError` with the same reason.
 */
export function compareEstimates(
  family: AnyComponentFamily,
  a: unknown,
  b: unknown,
  X: Matrix,
  tolerance: number,
): string | undefined {
  const left = estimateOrReason(family, a);
  const right = estimateOrReason(family, b);
  if (typeof left === 'string' || typeof right === 'string') {
    return left === right ? undefined : `estimate: ${describe(left)} vs ${describe(right)}`;
  }
  return compareValues(
    logDensities(family, left.params, X),
    logDensities(family, right.params, X),
    tolerance,
    'logDensity of the estimates',
  );
}

function describe(value: string | { params: unknown }): string {
  return typeof value === 'string' ? `throws (${value})` : 'parameters';
}

function estimateOrReason(
  family: AnyComponentFamily,
  stats: unknown,
): string | { params: unknown } {
  try {
    return { params: family.estimate(stats) };
  } catch (error) {
    if (DegenerateComponentError.isInstance(error)) return error.reason;
    throw error;
  }
}

/** Runs `action` and returns the `InvalidInputError` it throws, or a description of what happened. */
export function catchInvalidInput(action: () => void): InvalidInputError | string {
  try {
    action();
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  return 'did not throw';
}

/** Σ wᵢ log f(xᵢ; params) over the rows of positive weight. */
export function weightedLogLikelihood(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  weights: Float64Array,
): number {
  const logP = logDensities(family, params, X);
  let sum = 0;
  for (let i = 0; i < X.rows; i++) if (weights[i] !== 0) sum += weights[i] * logP[i];
  return sum;
}

/** The estimate of one component's statistics (through `estimateAll` when the family has it). */
export function estimateOne(family: AnyComponentFamily, stats: unknown): unknown {
  return family.estimateAll !== undefined ? family.estimateAll([stats])[0] : family.estimate(stats);
}

/**
 * The family's estimate from weighted data, iterated θ ← estimate(accumulate(X, w, θ)) from
 * θ = estimate(accumulate(X, w)) until the parameters (or the weighted log-likelihood, to 1e-15)
 * stop changing, at most 500 times: one step for a family that ignores the current parameters,
 * EM to convergence for one with per-row latent variables (whose single estimate is one EM
 * step, not the maximum).
 */
export function estimateToFixedPoint(
  family: AnyComponentFamily,
  X: Matrix,
  weights: Float64Array,
): unknown {
  let params = estimateOne(family, accumulateAll(family, X, weights));
  let previous = JSON.stringify(family.paramsToJSON(params));
  let score = weightedLogLikelihood(family, params, X, weights);
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = estimateOne(family, accumulateAll(family, X, weights, params));
    const text = JSON.stringify(family.paramsToJSON(next));
    const nextScore = weightedLogLikelihood(family, next, X, weights);
    params = next;
    if (text === previous || Math.abs(nextScore - score) <= 1e-15 * Math.abs(nextScore)) break;
    previous = text;
    score = nextScore;
  }
  return params;
}
