import { type AnyComponentFamily, createRandom, type Matrix } from '@mixkit/core';
import { ConformanceError, logDensities, sliceRows } from '../helpers.js';

const SENTINEL = -7.25e77;

/**
 * Check 3g: logDensity writes rows `[start, end)` to `out[offset + (i − start)·stride]` and
 * nothing else (every other entry keeps a sentinel), with the same values as a contiguous call
 * on a copy of those rows.
 */
export function checkStridedOutput(family: AnyComponentFamily, params: unknown, X: Matrix): void {
  const start = 2;
  const end = X.rows - 3;
  const offset = 1;
  const stride = 4;
  const out = new Float64Array(offset + (end - start) * stride + 5).fill(SENTINEL);
  const returned = family.logDensity(params, X, start, end, out, offset, stride);
  if (returned !== out) throw new ConformanceError('strided-output', 'logDensity must return out');
  const expected = logDensities(family, params, sliceRows(X, start, end));
  for (let k = 0; k < out.length; k++) {
    const i = (k - offset) / stride;
    const written = k >= offset && Number.isInteger(i) && i < end - start;
    if (!written && out[k] !== SENTINEL) {
      throw new ConformanceError('strided-output', `out[${k}] was overwritten with ${out[k]}`);
    }
    if (written && !Object.is(out[k], expected[i])) {
      throw new ConformanceError(
        'strided-output',
        `out[${k}] (row ${start + i}) is ${out[k]}, a contiguous call gives ${expected[i]}`,
      );
    }
  }
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i]) || expected[i] === Number.POSITIVE_INFINITY) {
      throw new ConformanceError(
        'strided-output',
        `log-density of row ${start + i} is ${expected[i]}`,
      );
    }
  }
}

/**
 * Check: sample writes exactly rows `[outRow, outRow + n)` of a caller's buffer, repeats a seeded
 * draw bit for bit, and its rows pass `validate` with finite log-densities.
 */
export function checkSampleOutput(family: AnyComponentFamily, params: unknown, seed: number): void {
  const d = family.dimension(params);
  const n = 16;
  const outRow = 3;
  const allocated = family.sample(params, n, createRandom(seed));
  if (allocated.length !== n * d) {
    throw new ConformanceError(
      'sample-output',
      `sample(n = ${n}) returned ${allocated.length} entries, not ${n * d}`,
    );
  }
  const out = new Float64Array((outRow + n + 2) * d).fill(SENTINEL);
  const returned = family.sample(params, n, createRandom(seed), out, outRow);
  if (returned !== out) throw new ConformanceError('sample-output', 'sample must return out');
  for (let k = 0; k < out.length; k++) {
    const inside = k >= outRow * d && k < (outRow + n) * d;
    if (!inside && out[k] !== SENTINEL) {
      throw new ConformanceError(
        'sample-output',
        `out[${k}] outside rows [${outRow}, ${outRow + n}) was written`,
      );
    }
    if (inside && !Object.is(out[k], allocated[k - outRow * d])) {
      throw new ConformanceError('sample-output', `a seeded draw is not repeatable at entry ${k}`);
    }
  }
  const X: Matrix = { rows: n, cols: d, data: allocated };
  family.validate(X, 'sample');
  const logP = logDensities(family, params, X);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(logP[i])) {
      throw new ConformanceError('sample-output', `sampled row ${i} has log-density ${logP[i]}`);
    }
  }
}
