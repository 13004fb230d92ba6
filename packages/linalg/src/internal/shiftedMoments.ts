import { compileKernel } from '../kernelCompilation.js';
import { tiledFullMoments } from './tiledFullMoments.js';
import { wasmDiagonalMoments } from './wasmDiagonalMoments.js';
import { wasmFullMoments } from './wasmFullMoments.js';

/**
 * One pass of shifted weighted moments over rows `[start, end)`, the kernel of
 * `weightedMeanScatter`. With s the shift row, z = x − s and W = Σ w, it sums c = Σ w z and
 * S = Σ w z zᵀ (lower triangle, or the diagonal), then writes mean = s + c / W and
 * scatter = S − c cᵀ / W (both triangles), which is Σ w (x − mean)(x − mean)ᵀ exactly in exact
 * arithmetic. Returns W; with no non-zero weight, mean and scatter are zero and 0 is returned.
 *
 * Numerically this is the shifted-data algorithm (Chan, Golub & LeVeque, "Algorithms for
 * computing the sample variance", The American Statistician 37(3), 1983, §3): its relative
 * error grows with (s − mean)² / variance, so s is a heavily weighted row (`shiftRow`), which
 * sits in the bulk of the weighted data whatever the data's offset (1e6 ± 1 keeps the same
 * digits as 0 ± 1). The correction c/W is the exact difference between s and the mean, as in
 * the corrected two-pass algorithm.
 *
 * Zero-weight rows are skipped. For the full scatter the others are taken two at a time (a lone
 * last row pairs with weight 0), so S gets two rank-1 terms per update; the diagonal takes one
 * row at a time (fewer live sums). For d ≤ 24 ('full') or d ≤ 64 ('diagonal') the loop is
 * specialised per d at run time (`setKernelCompilation`), with the sums in locals; the generic
 * loop performs the same operations in the same order.
 */
export function shiftedMoments(
  data: Float64Array,
  d: number,
  start: number,
  end: number,
  weights: Float64Array,
  wo: number,
  ws: number,
  mean: Float64Array,
  scatter: Float64Array,
  full: boolean,
): number {
  const shift = shiftRow(weights, wo, ws, start, end);
  if (shift < 0) {
    mean.fill(0);
    scatter.fill(0);
    return 0;
  }
  const total = full
    ? wasmFullMoments(data, start, end, weights, wo, ws, shift, mean, scatter)
    : wasmDiagonalMoments(data, start, end, weights, wo, ws, shift, mean, scatter);
  if (total !== undefined) return total;
  const kernel = specialisedKernel(d, full) ?? (full ? tiledFullMoments : genericDiagonal);
  return kernel(data, start, end, weights, wo, ws, shift, mean, scatter);
}

/**
 * The shift row: the first row with weight ≥ 1/2 if there is one, else the first row with the
 * largest weight (the first non-zero-weight row when no weight is positive); -1 when every
 * weight is 0. For EM responsibilities a weight ≥ 1/2 means the component claims the row at
 * least as much as all others together, so the row lies in the component's bulk; for unit
 * weights it is the first row, Chan, Golub & LeVeque's own choice. Stopping there spares most
 * of a scan over the (strided) weights.
 */
function shiftRow(
  weights: Float64Array,
  offset: number,
  stride: number,
  start: number,
  end: number,
): number {
  let best = -1;
  let bestWeight = 0;
  for (let i = start, o = offset; i < end; i++, o += stride) {
    const w = weights[o];
    if (w !== 0 && (best < 0 || w > bestWeight)) {
      best = i;
      bestWeight = w;
      if (w >= 0.5) break;
    }
  }
  return best;
}

type MomentsKernel = (
  data: Float64Array,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  shift: number,
  mean: Float64Array,
  scatter: Float64Array,
) => number;

/** Largest d with a specialised kernel: beyond it V8 stops optimising the unrolled body. */
const MAX_SPECIALISED_FULL = 24;
const MAX_SPECIALISED_DIAGONAL = 64;

function specialisedKernel(d: number, full: boolean): MomentsKernel | undefined {
  if (d < 1 || d > (full ? MAX_SPECIALISED_FULL : MAX_SPECIALISED_DIAGONAL)) return undefined;
  return compileKernel<MomentsKernel>(
    `shiftedMoments:${full ? 'full' : 'diagonal'}:${d}`,
    ['data', 'start', 'end', 'weights', 'wo', 'ws', 'shift', 'mean', 'scatter'],
    () => (full ? fullSource(d) : diagonalSource(d)),
  );
}

/** The body of `specialisedKernel(d, true)`: `genericMoments` with every loop over d unrolled. */
function fullSource(d: number): string {
  const lines: string[] = [];
  const pairs: [number, number][] = [];
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) pairs.push([a, b]);
  }
  for (let a = 0; a < d; a++) lines.push(`const s${a} = data[shift * ${d} + ${a}];`);
  lines.push('let total = 0;');
  for (let a = 0; a < d; a++) lines.push(`let c${a} = 0;`);
  for (const [a, b] of pairs) lines.push(`let S${a}_${b} = 0;`);
  lines.push('let i = start;', 'let o = wo;', 'for (;;) {');
  lines.push('  while (i < end && weights[o] === 0) { i++; o += ws; }');
  lines.push('  if (i >= end) break;');
  lines.push(`  const w0 = weights[o]; const x0 = i * ${d}; i++; o += ws;`);
  lines.push('  while (i < end && weights[o] === 0) { i++; o += ws; }');
  lines.push('  let w1 = 0; let x1 = x0;');
  lines.push(`  if (i < end) { w1 = weights[o]; x1 = i * ${d}; i++; o += ws; }`);
  lines.push('  total += w0 + w1;');
  for (let a = 0; a < d; a++) {
    lines.push(`  const z0_${a} = data[x0 + ${a}] - s${a}; const v0_${a} = w0 * z0_${a};`);
    lines.push(`  const z1_${a} = data[x1 + ${a}] - s${a}; const v1_${a} = w1 * z1_${a};`);
    lines.push(`  c${a} += v0_${a} + v1_${a};`);
  }
  for (const [a, b] of pairs) lines.push(`  S${a}_${b} += v0_${a} * z0_${b} + v1_${a} * z1_${b};`);
  lines.push('}');
  for (let a = 0; a < d; a++) lines.push(`mean[${a}] = s${a} + c${a} / total;`);
  for (const [a, b] of pairs) {
    const value = `S${a}_${b} - (c${a} / total) * c${b}`;
    if (a === b) lines.push(`scatter[${a * d + a}] = ${value};`);
    else lines.push(`scatter[${a * d + b}] = scatter[${b * d + a}] = ${value};`);
  }
  lines.push('return total;');
  return lines.join('\n');
}

/** The body of `specialisedKernel(d, false)`: `genericDiagonal` with the loop over d unrolled. */
function diagonalSource(d: number): string {
  const lines: string[] = [];
  for (let a = 0; a < d; a++) {
    lines.push(`const s${a} = data[shift * ${d} + ${a}];`, `let c${a} = 0;`, `let S${a} = 0;`);
  }
  lines.push('let total = 0;');
  lines.push('for (let i = start, o = wo; i < end; i++, o += ws) {');
  lines.push('  const w = weights[o];', '  if (w === 0) continue;', '  total += w;');
  lines.push(`  const x = i * ${d};`);
  for (let a = 0; a < d; a++) {
    lines.push(`  const z${a} = data[x + ${a}] - s${a};`, `  const v${a} = w * z${a};`);
    lines.push(`  c${a} += v${a};`, `  S${a} += v${a} * z${a};`);
  }
  lines.push('}');
  for (let a = 0; a < d; a++) {
    lines.push(
      `mean[${a}] = s${a} + c${a} / total;`,
      `scatter[${a}] = S${a} - (c${a} / total) * c${a};`,
    );
  }
  lines.push('return total;');
  return lines.join('\n');
}

/** The diagonal scatter, one non-zero-weight row at a time; S accumulates in `scatter`. */
function genericDiagonal(
  data: Float64Array,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  shift: number,
  mean: Float64Array,
  scatter: Float64Array,
): number {
  const d = mean.length;
  // 6d doubles per call of a pass over a block of rows: small beside the block's d^2 work, and
  // no module state, so concurrent fits never share it.
  const scratch = new Float64Array(6 * d);
  const s = scratch;
  for (let a = 0; a < d; a++) {
    s[a] = data[shift * d + a];
    s[d + a] = 0;
  }
  scatter.fill(0);
  let total = 0;
  for (let i = start, o = weightOffset; i < end; i++, o += weightStride) {
    const w = weights[o];
    if (w === 0) continue;
    total += w;
    const x = i * d;
    for (let a = 0; a < d; a++) {
      const v = w * (data[x + a] - s[a]);
      s[d + a] += v;
      scatter[a] += v * (data[x + a] - s[a]);
    }
  }
  for (let a = 0; a < d; a++) {
    mean[a] = s[a] + s[d + a] / total;
    scatter[a] -= (s[d + a] / total) * s[d + a];
  }
  return total;
}
