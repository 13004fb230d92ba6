import { InvalidInputError, type Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, checkStrided } from './internal/checks.js';
import { shiftedMean } from './internal/shiftedMean.js';
import { shiftedMoments } from './internal/shiftedMoments.js';

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
 * Numerically this is one pass of the shifted-data algorithm (Chan, Golub & LeVeque, "Algorithms
 * for computing the sample variance", The American Statistician 37(3), 1983, §3) around a heavily
 * weighted row (the first with weight ≥ 1/2, else the largest), with the exact correction
 * c = Σ w (x − shift): mean = shift + c/W,
 * scatter = Σ w (x − shift)(x − shift)ᵀ − c·cᵀ/W. The shift sits in the bulk of the weighted data,
 * so data around 1e6 with spread 1 gets the same relative accuracy as data around 0 (the textbook
 * Σ w x xᵀ − W·mean·meanᵀ would lose about 12 digits there).
 *
 * O(n·d²/2) multiply-adds for the full scatter (two weighted rows per update, mirrored once at
 * the end), no allocation per call; for small d the loop is specialised per d at run time
 * (`setKernelCompilation`), with identical results either way.
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
  if (scatter === null) {
    return shiftedMean(X, start, end, weights, weightOffset, weightStride, mean);
  }
  return shiftedMoments(
    X.data,
    d,
    start,
    end,
    weights,
    weightOffset,
    weightStride,
    mean,
    scatter,
    mode === 'full',
  );
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
      addFullScatter(d, f, meanA, scatterA, meanB, scatterB);
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

/**
 * scatterA += scatterB + f·δδᵀ with δ = meanB − meanA, on the lower triangle, then mirrored
 * (keeps the result exactly symmetric). A function of its own so that V8 optimises it whole:
 * inlined in `combineMoments`, its O(d²) loop was compiled on-stack in a fresh process, and the
 * code after it, not yet run, de-optimised it again at every call (76 times in a first 128-wide
 * fit).
 */
function addFullScatter(
  d: number,
  f: number,
  meanA: Float64Array,
  scatterA: Float64Array,
  meanB: Float64Array,
  scatterB: Float64Array,
): void {
  for (let a = 0; a < d; a++) {
    const fa = f * (meanB[a] - meanA[a]);
    for (let b = 0; b <= a; b++) {
      const v = scatterA[a * d + b] + scatterB[a * d + b] + fa * (meanB[b] - meanA[b]);
      scatterA[a * d + b] = v;
      scatterA[b * d + a] = v;
    }
  }
}
