import type { AnyComponentFamily, Matrix } from '@mixkit/core';
import { accumulateAll, ConformanceError, logDensities } from '../helpers.js';

/**
 * Check: a family with `plainParams` has parameters a structured clone copies faithfully, as
 * executors post them to workers: plain objects and arrays of numbers and of `Float64Array`s
 * that own their buffers (a view into larger memory would post all of it at every pass), and
 * the clone gives bit-identical log-densities and statistics. Tried on the case's parameters
 * and on parameters estimated from data.
 */
export function checkPlainParams(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  weights: Float64Array,
): void {
  if (family.plainParams !== true) return;
  const estimated = family.estimate(accumulateAll(family, X, weights));
  for (const [label, original] of [
    ['case parameters', params],
    ['estimated parameters', estimated],
  ] as const) {
    const problem = notPlain(original, 'params');
    if (problem !== undefined) throw new ConformanceError('plain-params', `${label}: ${problem}`);
    const clone = structuredClone(original);
    const a = logDensities(family, original, X);
    const b = logDensities(family, clone, X);
    for (let i = 0; i < a.length; i++) {
      if (!Object.is(a[i], b[i])) {
        throw new ConformanceError(
          'plain-params',
          `${label}: row ${i} has log-density ${a[i]} from the parameters, ${b[i]} from their clone`,
        );
      }
    }
    const statsOf = (p: unknown) => JSON.stringify(accumulateAll(family, X, weights, p), plain);
    if (statsOf(original) !== statsOf(clone)) {
      throw new ConformanceError(
        'plain-params',
        `${label}: the clone accumulates other statistics`,
      );
    }
  }
}

/** Typed arrays as lists, so that statistics compare by value. */
function plain(_key: string, value: unknown): unknown {
  return value instanceof Float64Array ? Array.from(value) : value;
}

/** Why `value` is not plain data, or undefined. */
function notPlain(value: unknown, path: string): string | undefined {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return undefined;
  }
  if (value instanceof Float64Array) {
    return value.byteOffset === 0 && value.byteLength === value.buffer.byteLength
      ? undefined
      : `${path} is a view into a larger buffer (${value.buffer.byteLength} bytes)`;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = notPlain(item, `${path}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    for (const [key, item] of Object.entries(value)) {
      const problem = notPlain(item, `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return `${path} is not plain data (${typeof value})`;
}
