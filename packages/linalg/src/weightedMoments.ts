import { InvalidInputError, type Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, checkStrided } from './internal/checks.js';
import { shiftedMean } from './internal/shiftedMean.js';

/**
 * Which second moments to keep: the full symmetric d x d scatter matrix (row-major, both
 * triangles written), or only its d diagonal entries.
 */
export type ScatterMode = 'full' | 'diagonal';

function checkMode(mode: ScatterMode): void {
  if (mode !== 'full' && mode !== 'diagonal') {
    throw new InvalidInputError({ argument: 'mode', value: mode }, "expected 'full' or 'diagonal'");
  }
}

function scatterLength(d: number, mode: ScatterMode): number {
  return mode === 'full' ? d * d : d;
}

/**
 * Weighted mean and scatter of rows `[start, end)` of X, row i weighted by
 * `weights[weightOffset + (i − start) * weightStride]`:
 * mean = Σ w x / W and scatter = Σ w (x − mean)(x − mean)ᵀ (not divided by W), with W = Σ w the
 * returned total weight. `mean` has length d; `scatter` is d x d (`'full'`) or d (`'diagonal'`)
 * and is overwritten, or `null` to compute the mean only. Zero-weight rows are skipped. If W is 0,
 * mean and scatter are set to zero and 0 is returned. Weights are assumed finite and ≥ 0.
 *
 * Numerically this is the corrected two-pass algorithm (Chan, Golub & LeVeque, "Algorithms for
 * computing the sample variance", The American Statistician 37(3), 1983, eq. 1.7): pass 1 takes a
 * shifted mean; pass 2 sums w (x − mean)(x − mean)ᵀ together with c = Σ w (x − mean), then
 * subtracts c·cᵀ/W and adds c/W to the mean, which cancels the rounding error of pass 1. So data
 * around 1e6 with spread 1 gets the same relative accuracy as data around 0 (the textbook
 * Σ w x xᵀ − W·mean·meanᵀ would lose about 12 digits there).
 *
 * The full scatter is a rank-4 update of the lower triangle per 4 weighted rows, mirrored once
 * at the end: O(n·d²/2) multiply-adds, O(d) scratch per call.
 */
export function weightedMeanScatter(
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  mean: Float64Array,
  scatter: Float64Array | null,
  mode: ScatterMode = 'full',
): number {
  checkRowRange(X, start, end);
  checkMode(mode);
  const d = X.cols;
  checkStrided(weights, weightOffset, weightStride, end - start, 'weights');
  checkLength(mean, d, 'mean');
  if (scatter !== null) checkLength(scatter, scatterLength(d, mode), 'scatter');
  const total = shiftedMean(X, start, end, weights, weightOffset, weightStride, mean);
  if (scatter === null) return total;
  scatter.fill(0);
  if (total === 0) return 0;
  const correction =
    mode === 'full'
      ? fullScatter(X, start, end, weights, weightOffset, weightStride, mean, scatter)
      : diagonalScatter(X, start, end, weights, weightOffset, weightStride, mean, scatter);
  if (mode === 'full') {
    for (let a = 0; a < d; a++) {
      const ca = correction[a] / total;
      for (let b = 0; b <= a; b++) scatter[a * d + b] -= ca * correction[b];
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) scatter[b * d + a] = scatter[a * d + b];
    }
  } else {
    for (let a = 0; a < d; a++) scatter[a] -= (correction[a] * correction[a]) / total;
  }
  // Division, not a reciprocal: 1 / total overflows for a subnormal total (see shiftedMean).
  for (let a = 0; a < d; a++) mean[a] += correction[a] / total;
  return total;
}

/** Adds Σ w (x−m)(x−m)ᵀ into the lower triangle of `scatter`; returns c = Σ w (x−m). */
function fullScatter(
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  mean: Float64Array,
  scatter: Float64Array,
): Float64Array {
  const d = X.cols;
  const data = X.data;
  const c = new Float64Array(d);
  // z holds 4 centred rows, wz the same rows times their weights.
  const z = new Float64Array(4 * d);
  const wz = new Float64Array(4 * d);
  let filled = 0;
  for (let i = start; i <= end; i++) {
    if (i < end) {
      const w = weights[weightOffset + (i - start) * weightStride];
      if (w === 0) continue;
      const row = i * d;
      const o = filled * d;
      for (let a = 0; a < d; a++) {
        const v = data[row + a] - mean[a];
        z[o + a] = v;
        wz[o + a] = w * v;
      }
      filled++;
      if (filled < 4) continue;
    } else {
      if (filled === 0) break;
      // Pad the last partial block with zero rows (they add exactly 0).
      z.fill(0, filled * d);
      wz.fill(0, filled * d);
    }
    for (let a = 0; a < d; a++) {
      const p0 = wz[a];
      const p1 = wz[d + a];
      const p2 = wz[2 * d + a];
      const p3 = wz[3 * d + a];
      c[a] += p0 + p1 + p2 + p3;
      const sa = a * d;
      for (let b = 0; b <= a; b++) {
        scatter[sa + b] += p0 * z[b] + p1 * z[d + b] + p2 * z[2 * d + b] + p3 * z[3 * d + b];
      }
    }
    filled = 0;
  }
  return c;
}

/** Adds Σ w (x_a − m_a)² into `scatter[a]`; returns c = Σ w (x−m). */
function diagonalScatter(
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  mean: Float64Array,
  scatter: Float64Array,
): Float64Array {
  const d = X.cols;
  const data = X.data;
  const c = new Float64Array(d);
  for (let i = start; i < end; i++) {
    const w = weights[weightOffset + (i - start) * weightStride];
    if (w === 0) continue;
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const v = data[row + a] - mean[a];
      const wv = w * v;
      c[a] += wv;
      scatter[a] += wv * v;
    }
  }
  return c;
}

/**
 * Merges the moments of a row set B into those of a disjoint row set A, in place, as if both had
 * been passed to `weightedMeanScatter` together, and returns the new total weight wA + wB.
 * The pairwise update of Chan, Golub & LeVeque (1979, "Updating formulae and a pairwise algorithm
 * for computing sample variances", eq. 2.1): with δ = meanB − meanA,
 * scatterA += scatterB + (wA·wB / (wA + wB))·δδᵀ and meanA += δ·wB / (wA + wB).
 * Scatters are both `null` (means only) or both present, in the layout given by `mode`.
 * wB = 0 leaves A unchanged; wA = 0 copies B into A.
 */
export function combineMoments(
  weightA: number,
  meanA: Float64Array,
  scatterA: Float64Array | null,
  weightB: number,
  meanB: Float64Array,
  scatterB: Float64Array | null,
  mode: ScatterMode = 'full',
): number {
  checkMode(mode);
  const d = meanA.length;
  checkLength(meanB, d, 'meanB');
  if ((scatterA === null) !== (scatterB === null)) {
    throw new InvalidInputError(
      { argument: scatterA === null ? 'scatterA' : 'scatterB' },
      'scatters must be both null or both present',
    );
  }
  if (scatterA !== null && scatterB !== null) {
    checkLength(scatterA, scatterLength(d, mode), 'scatterA');
    checkLength(scatterB, scatterLength(d, mode), 'scatterB');
  }
  if (!(weightA >= 0 && weightB >= 0)) {
    const bad = weightA >= 0 ? 'weightB' : 'weightA';
    throw new InvalidInputError(
      { argument: bad, value: bad === 'weightA' ? weightA : weightB },
      'expected a weight >= 0',
    );
  }
  if (weightB === 0) return weightA;
  if (weightA === 0) {
    meanA.set(meanB);
    if (scatterA !== null && scatterB !== null) scatterA.set(scatterB);
    return weightB;
  }
  const total = weightA + weightB;
  const meanFactor = weightB / total;
  if (scatterA !== null && scatterB !== null) {
    const f = (weightA * weightB) / total;
    if (mode === 'full') {
      for (let a = 0; a < d; a++) {
        // Lower triangle, then mirrored: keeps the result exactly symmetric.
        const fa = f * (meanB[a] - meanA[a]);
        for (let b = 0; b <= a; b++) {
          const v = scatterA[a * d + b] + scatterB[a * d + b] + fa * (meanB[b] - meanA[b]);
          scatterA[a * d + b] = v;
          scatterA[b * d + a] = v;
        }
      }
    } else {
      for (let a = 0; a < d; a++) {
        const delta = meanB[a] - meanA[a];
        scatterA[a] += scatterB[a] + f * delta * delta;
      }
    }
  }
  for (let a = 0; a < d; a++) meanA[a] += (meanB[a] - meanA[a]) * meanFactor;
  return total;
}
