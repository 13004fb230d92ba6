import type { Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, checkStrided } from './internal/checks.js';
import { compileKernel } from './kernelCompilation.js';
import { wasmKernelsFor } from './wasm/wasmKernels.js';

/**
 * Squared Mahalanobis distances Σⱼ (xⱼ − meanⱼ)² · precisionsⱼ of rows `[start, end)` of X for a
 * diagonal covariance (precisions = 1/σⱼ²), written to `out[outOffset + (i − start) * outStride]`.
 * Writes nothing else. The O(d) counterpart of `squaredMahalanobis`, with the same argument order
 * and output discipline; with `scale` and `shift` it writes `shift + scale · distance` instead
 * (a Gaussian log-density is −½·distance + constant), and with `nanValue` a NaN result (from
 * NaN data) is written as that value (−Infinity for a log-density): NaN stays visible by
 * default, and a caller that maps it needs no second pass over `out`.
 *
 * It centres before squaring, unlike scikit-learn's expanded Σ x²p − 2 x μ p + μ² p, which loses
 * digits for data far from 0. This is the diagonal Gaussian E-step's inner loop, so it allocates
 * nothing. When X and `out` live in one kernel memory (`allocateKernelArrays`) it runs a
 * WebAssembly SIMD loop over two rows at a time (about 2x the unrolled one at d = 16);
 * otherwise, for d ≤ 64, a kernel unrolled for d (see `setKernelCompilation`; the mean and
 * precisions stay in locals, 3x faster than a plain loop at d = 16), else a plain loop. All three sum the terms in the SIMD order:
 * four chains over j mod 4, combined as (chain 0 + chain 2) + (chain 1 + chain 3), then the last
 * d mod 4 terms in order; so they give identical results (and the four independent chains keep
 * the scalar loops from waiting on one long chain of additions).
 */
export function squaredMahalanobisDiagonal(
  X: Matrix,
  start: number,
  end: number,
  mean: Float64Array,
  precisions: Float64Array,
  out: Float64Array,
  outOffset = 0,
  outStride = 1,
  scale = 1,
  shift = 0,
  nanValue = Number.NaN,
): Float64Array {
  checkRowRange(X, start, end);
  const d = X.cols;
  checkLength(mean, d, 'mean');
  checkLength(precisions, d, 'precisions');
  checkStrided(out, outOffset, outStride, end - start, 'out');
  const wasm = wasmKernelsFor(X.data, out);
  if (wasm !== undefined && 2 * d <= wasm.scratch.length) {
    // The mean at scratch byte 0, the precisions after it (16-byte aligned for the SIMD loads).
    const precisionsAt = 2 * Math.ceil(d / 2);
    wasm.scratch.set(mean, 0);
    wasm.scratch.set(precisions, precisionsAt);
    wasm.exports.mahalanobisDiagonal(
      X.data.byteOffset + start * d * 8,
      end - start,
      d,
      0,
      precisionsAt * 8,
      out.byteOffset + outOffset * 8,
      outStride,
      scale,
      shift,
      nanValue,
    );
    return out;
  }
  const rows = specialisedKernel(d) ?? genericRows;
  return rows(
    X.data,
    start,
    end,
    mean,
    precisions,
    out,
    outOffset,
    outStride,
    scale,
    shift,
    nanValue,
  );
}

/** Largest d that gets a specialised kernel (the body is O(d), far below V8's limits). */
const MAX_SPECIALISED_D = 64;

type RowsKernel = (
  data: Float64Array,
  start: number,
  end: number,
  mean: Float64Array,
  precisions: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
  nanValue: number,
) => Float64Array;

function specialisedKernel(d: number): RowsKernel | undefined {
  if (d < 1 || d > MAX_SPECIALISED_D) return undefined;
  return compileKernel<RowsKernel>(
    `squaredMahalanobisDiagonal:${d}`,
    [
      'data',
      'start',
      'end',
      'mean',
      'precisions',
      'out',
      'outOffset',
      'outStride',
      'scale',
      'shift',
      'nanValue',
    ],
    () => unrolledSource(d),
  );
}

/** The body of `specialisedKernel(d)`: one row per step, mean and precisions in locals. */
function unrolledSource(d: number): string {
  const lines: string[] = [];
  for (let j = 0; j < d; j++)
    lines.push(`const m${j} = mean[${j}];`, `const p${j} = precisions[${j}];`);
  lines.push('for (let i = start, o = outOffset; i < end; i++, o += outStride) {');
  lines.push(`  const x = i * ${d};`);
  for (let j = 0; j < d; j++) lines.push(`  const z${j} = data[x + ${j}] - m${j};`);
  const quads = d - (d % 4);
  const chain = (lane: number) => {
    const terms: string[] = [];
    for (let j = lane; j < quads; j += 4) terms.push(`z${j} * z${j} * p${j}`);
    return terms.length === 0 ? '0' : terms.join(' + ');
  };
  let sum = `((${chain(0)}) + (${chain(2)})) + ((${chain(1)}) + (${chain(3)}))`;
  for (let j = quads; j < d; j++) sum = `(${sum}) + z${j} * z${j} * p${j}`;
  lines.push(`  const v = shift + scale * (${sum});`);
  lines.push('  out[o] = Number.isNaN(v) ? nanValue : v;');
  lines.push('}');
  lines.push('return out;');
  return lines.join('\n');
}

/** One row at a time in the SIMD summation order (see `squaredMahalanobisDiagonal`). */
function genericRows(
  data: Float64Array,
  start: number,
  end: number,
  mean: Float64Array,
  precisions: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
  nanValue: number,
): Float64Array {
  const d = mean.length;
  const quads = d - (d % 4);
  for (let i = start, o = outOffset; i < end; i++, o += outStride) {
    const row = i * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < quads; j += 4) {
      const z0 = data[row + j] - mean[j];
      const z1 = data[row + j + 1] - mean[j + 1];
      const z2 = data[row + j + 2] - mean[j + 2];
      const z3 = data[row + j + 3] - mean[j + 3];
      s0 += z0 * z0 * precisions[j];
      s1 += z1 * z1 * precisions[j + 1];
      s2 += z2 * z2 * precisions[j + 2];
      s3 += z3 * z3 * precisions[j + 3];
    }
    let s = s0 + s2 + (s1 + s3);
    for (let j = quads; j < d; j++) {
      const z = data[row + j] - mean[j];
      s += z * z * precisions[j];
    }
    const v = shift + scale * s;
    out[o] = Number.isNaN(v) ? nanValue : v;
  }
  return out;
}
