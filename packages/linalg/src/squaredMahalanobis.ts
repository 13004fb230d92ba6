import type { Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, checkStrided } from './internal/checks.js';
import { transposeUpper } from './internal/transposeUpper.js';
import { wasmFullMahalanobis } from './internal/wasmFullMahalanobis.js';
import { compileKernel } from './kernelCompilation.js';

/**
 * Squared Mahalanobis distances of rows `[start, end)` of X from `mean`, through the upper-triangular
 * precision Cholesky factor U (d x d, Σ⁻¹ = U·Uᵀ, scikit-learn's `precisions_cholesky_`):
 * ||(x − mean)·U||², written to `out[outOffset + (i − start) * outStride]`. Writes nothing else.
 * With `scale` and `shift` it writes `shift + scale · distance` instead (a Gaussian log-density
 * is −½·distance + constant), saving the caller a pass over `out`, and with `nanValue` it writes
 * that where the result is NaN (a row holding NaN): the WebAssembly kernel does it in the same
 * pass, the JavaScript loops by a scan of the rows they wrote, so the bits agree either way.
 *
 * This is the Gaussian E-step's inner loop (scikit-learn `_estimate_log_gaussian_prob`), so it
 * allocates nothing per call. d ≤ 3 has closed-form paths; 4 ≤ d ≤ 32 runs a kernel unrolled for
 * d (see `setKernelCompilation`; 2.5x faster than the generic loop at d = 10); larger d, or an
 * environment that refuses run-time code, runs the generic blocked loop, with identical results.
 */
export function squaredMahalanobis(
  X: Matrix,
  start: number,
  end: number,
  mean: Float64Array,
  precisionCholesky: Float64Array,
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
  checkLength(precisionCholesky, d * d, 'precisionCholesky');
  const n = end - start;
  checkStrided(out, outOffset, outStride, n, 'out');
  const data = X.data;
  if (
    d > 3 &&
    wasmFullMahalanobis(
      data,
      start,
      end,
      d,
      mean,
      precisionCholesky,
      out,
      outOffset,
      outStride,
      scale,
      shift,
      nanValue,
    )
  ) {
    return out;
  }
  javaScriptRows(X, start, end, mean, precisionCholesky, out, outOffset, outStride, scale, shift);
  if (!Number.isNaN(nanValue)) {
    for (let r = 0, o = outOffset; r < n; r++, o += outStride) {
      if (Number.isNaN(out[o])) out[o] = nanValue;
    }
  }
  return out;
}

/** `squaredMahalanobis`' JavaScript loops: closed forms for d ≤ 3, else unrolled or generic. */
function javaScriptRows(
  X: Matrix,
  start: number,
  end: number,
  mean: Float64Array,
  precisionCholesky: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
): Float64Array {
  const d = X.cols;
  const n = end - start;
  const data = X.data;
  if (d === 1) {
    const m = mean[0];
    const u = precisionCholesky[0];
    for (let r = 0; r < n; r++) {
      const y = (data[start + r] - m) * u;
      out[outOffset + r * outStride] = shift + scale * (y * y);
    }
    return out;
  }
  if (d === 2) {
    const m0 = mean[0];
    const m1 = mean[1];
    const u00 = precisionCholesky[0];
    const u01 = precisionCholesky[1];
    const u11 = precisionCholesky[3];
    for (let r = 0; r < n; r++) {
      const x = (start + r) * 2;
      const z0 = data[x] - m0;
      const z1 = data[x + 1] - m1;
      const y0 = z0 * u00;
      const y1 = z0 * u01 + z1 * u11;
      out[outOffset + r * outStride] = shift + scale * (y0 * y0 + y1 * y1);
    }
    return out;
  }
  if (d === 3) {
    const m0 = mean[0];
    const m1 = mean[1];
    const m2 = mean[2];
    const u00 = precisionCholesky[0];
    const u01 = precisionCholesky[1];
    const u02 = precisionCholesky[2];
    const u11 = precisionCholesky[4];
    const u12 = precisionCholesky[5];
    const u22 = precisionCholesky[8];
    for (let r = 0; r < n; r++) {
      const x = (start + r) * 3;
      const z0 = data[x] - m0;
      const z1 = data[x + 1] - m1;
      const z2 = data[x + 2] - m2;
      const y0 = z0 * u00;
      const y1 = z0 * u01 + z1 * u11;
      const y2 = z0 * u02 + z1 * u12 + z2 * u22;
      out[outOffset + r * outStride] = shift + scale * (y0 * y0 + y2 * y2 + y1 * y1);
    }
    return out;
  }
  const kernel = specialisedKernel(d);
  if (kernel !== undefined) {
    return kernel(
      data,
      start,
      end,
      mean,
      precisionCholesky,
      out,
      outOffset,
      outStride,
      scale,
      shift,
    );
  }
  return genericRows(
    d,
    data,
    start,
    n,
    mean,
    precisionCholesky,
    out,
    outOffset,
    outStride,
    scale,
    shift,
  );
}

/** Largest d that gets a specialised kernel: beyond it V8 stops optimising the unrolled body. */
const MAX_SPECIALISED_D = 32;

type RowsKernel = (
  data: Float64Array,
  start: number,
  end: number,
  mean: Float64Array,
  U: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
) => Float64Array;

function specialisedKernel(d: number): RowsKernel | undefined {
  if (d > MAX_SPECIALISED_D) return undefined;
  // Two rows per step share the factor's registers; above d = 8 one row keeps more in registers.
  const rows = d <= 8 ? 2 : 1;
  return compileKernel<RowsKernel>(
    `squaredMahalanobis:${d}`,
    ['data', 'start', 'end', 'mean', 'U', 'out', 'outOffset', 'outStride', 'scale', 'shift'],
    () => unrolledSource(d, rows),
  );
}

/**
 * The body of `specialisedKernel(d)`: the mean and the upper triangle of U in locals, `rows`
 * centred rows at a time in locals, y_j = Σ_{k≤j} z_k·U[k][j] and Σ y_j², summed in the same
 * order as `genericRows` (so both give identical results).
 */
function unrolledSource(d: number, rows: number): string {
  const lines: string[] = ['const n = end - start;'];
  for (let k = 0; k < d; k++) lines.push(`const m${k} = mean[${k}];`);
  for (let k = 0; k < d; k++) {
    for (let j = k; j < d; j++) lines.push(`const u${k}_${j} = U[${k * d + j}];`);
  }
  const rowBlock = (count: number): void => {
    lines.push(`  const x = (start + r) * ${d};`);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < d; k++)
        lines.push(`  const z${i}_${k} = data[x + ${i * d + k}] - m${k};`);
      const chains: string[][] = [[], [], [], []];
      for (let j = 0; j < d; j++) {
        const terms: string[] = [];
        for (let k = 0; k <= j; k++) terms.push(`z${i}_${k} * u${k}_${j}`);
        lines.push(`  const y${i}_${j} = ${terms.join(' + ')};`);
        chains[j % 4].push(`y${i}_${j} * y${i}_${j}`);
      }
      const [c0, c1, c2, c3] = chains.map((terms) => `(${terms.join(' + ')})`);
      lines.push(
        `  out[outOffset + (r + ${i}) * outStride] = shift + scale * ((${c0} + ${c2}) + (${c1} + ${c3}));`,
      );
    }
  };
  lines.push('let r = 0;');
  if (rows > 1) {
    lines.push(`for (; r + ${rows} <= n; r += ${rows}) {`);
    rowBlock(rows);
    lines.push('}');
  }
  lines.push('for (; r < n; r++) {');
  rowBlock(1);
  lines.push('}');
  lines.push('return out;');
  return lines.join('\n');
}

/**
 * Any d: transposes U once so the inner products run over contiguous memory, and processes 4
 * rows at a time so each row of Uᵀ is loaded once per 4 rows. Each row's squares go into four
 * chains over j mod 4, combined as (chain 0 + chain 2) + (chain 1 + chain 3), the order of the
 * SIMD kernel (two f64x2 accumulators per row). Uᵀ and the rows' chains are per call (O(d²),
 * next to the O(n·d²) work), never module state.
 */
function genericRows(
  d: number,
  data: Float64Array,
  start: number,
  n: number,
  mean: Float64Array,
  U: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
): Float64Array {
  const T = transposeUpper(d, U, new Float64Array(d * d));
  const z = new Float64Array(4 * d);
  const q = new Float64Array(16);
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const x0 = (start + r) * d;
    for (let k = 0; k < d; k++) {
      const m = mean[k];
      z[k] = data[x0 + k] - m;
      z[d + k] = data[x0 + d + k] - m;
      z[2 * d + k] = data[x0 + 2 * d + k] - m;
      z[3 * d + k] = data[x0 + 3 * d + k] - m;
    }
    q.fill(0);
    for (let j = 0; j < d; j++) {
      const tj = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k <= j; k++) {
        const u = T[tj + k];
        s0 += z[k] * u;
        s1 += z[d + k] * u;
        s2 += z[2 * d + k] * u;
        s3 += z[3 * d + k] * u;
      }
      const chain = j & 3;
      q[chain] += s0 * s0;
      q[4 + chain] += s1 * s1;
      q[8 + chain] += s2 * s2;
      q[12 + chain] += s3 * s3;
    }
    for (let i = 0; i < 4; i++) {
      const c = 4 * i;
      out[outOffset + (r + i) * outStride] =
        shift + scale * (q[c] + q[c + 2] + (q[c + 1] + q[c + 3]));
    }
  }
  for (; r < n; r++) {
    const x0 = (start + r) * d;
    for (let k = 0; k < d; k++) z[k] = data[x0 + k] - mean[k];
    q.fill(0);
    for (let j = 0; j < d; j++) {
      const tj = j * d;
      let s = 0;
      for (let k = 0; k <= j; k++) s += z[k] * T[tj + k];
      q[j & 3] += s * s;
    }
    out[outOffset + r * outStride] = shift + scale * (q[0] + q[2] + (q[1] + q[3]));
  }
  return out;
}
