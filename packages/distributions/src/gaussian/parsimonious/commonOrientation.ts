import { orthogonalPolarFactor, symmetricEigen } from '@mixkit/linalg';
import { composeCovariance, eigenDescending, geometricMean, minimum } from './decomposition.js';
import type { InnerControl } from './innerControl.js';
import { RTEPS, singular } from './innerControl.js';
import type { ScatterSet } from './scatterSet.js';

/** Where the inner iterations of EVE and VVE ended: the common orientation and G shapes. */
export interface OrientationShapeState {
  /** D, d x d row-major, column j the j-th axis. */
  readonly orientation: Float64Array;
  /** G x d: row k is Aₖ's diagonal. */
  readonly shape: Float64Array;
}

/**
 * The M-step of the models with a common orientation D and variable shapes Aₖ (EVE: equal
 * volume; VVE: variable volumes), as mclust's `meeve`/`mevve` compute it: the majorisation-
 * minimisation algorithms MM1 and MM2 of Browne & McNicholas (2014) update D (each an orthogonal
 * Procrustes step: the polar factor of a d x d matrix F), then
 * Aₖ = diag(Dᵀ·Wₖ·D), normalised to det 1 (VVE: divided by nₖ first, its determinant^(1/d) being
 * λₖ), until the objective Σₖ tr(Aₖ⁻¹·Dᵀ·Wₖ·D) changes by a relative amount ≤ the inner tolerance.
 * EVE's common volume is then λ = objective / (N·d). Starts from D = I and Aₖ = I on a fit's
 * first M-step and from the previous M-step's D and Aₖ after that (mclust does not reset them
 * between EM iterations). With one component the result is W / n directly. Singular when a Wₖ has an eigenvalue < √ε, or an entry of Aₖ (VVE: or
 * a λₖ) is < √ε.
 */
export function commonOrientation(
  kind: string,
  variableVolume: boolean,
  { d, G, weights, total, scatters }: ScatterSet,
  control: InnerControl,
  warm: OrientationShapeState | undefined,
): { readonly covariances: Float64Array[]; readonly warm: OrientationShapeState } {
  const largest = scatters.map((W, k) => {
    const { values } = symmetricEigen(d, W);
    if (!(values[0] >= RTEPS)) throw singular(kind, `component ${k}'s scatter is singular`);
    return values[d - 1];
  });
  // One component: D·A·Dᵀ·λ is any covariance, and the MM iterations converge to W / n (mclust
  // fits G = 1 with its closed-form XXX model); take it directly, scale-free and exact.
  if (G === 1) {
    const covariance = scatters[0].map((value) => value / weights[0]);
    const { values, vectors } = eigenDescending(d, covariance);
    const root = geometricMean(kind, values);
    const shape = values.map((value) => value / root);
    if (!(minimum(shape) >= RTEPS && (!variableVolume || root >= RTEPS))) {
      throw singular(kind, 'shape or volume < √ε');
    }
    return { covariances: [covariance], warm: { orientation: vectors, shape } };
  }
  const fits =
    warm !== undefined && warm.shape.length === G * d && warm.orientation.length === d * d;
  const D = fits ? Float64Array.from(warm.orientation) : identity(d);
  const shape = fits ? Float64Array.from(warm.shape) : new Float64Array(G * d).fill(1);
  const volume = new Float64Array(G).fill(1);
  const F = new Float64Array(d * d);
  const T = new Float64Array(d * d);
  const M = new Float64Array(d * d);
  const Dt = new Float64Array(d * d);
  let objective = Number.MAX_VALUE;
  let previous = Number.MAX_VALUE / 2;
  let inner = 0;
  let change: number;
  do {
    inner++;
    // MM1: F = Σₖ (Aₖ⁻¹·Dᵀ·Wₖ − ωₖ·Aₖ⁻¹·Dᵀ), ωₖ the largest eigenvalue of Wₖ; Dᵀ = polar(F).
    F.fill(0);
    for (let k = 0; k < G; k++) {
      for (let j = 0; j < d; j++) {
        const a = shape[k * d + j];
        for (let i = 0; i < d; i++) T[j * d + i] = D[i * d + j] / a;
      }
      multiplyInto(d, T, scatters[k], M);
      for (let e = 0; e < d * d; e++) F[e] += M[e] - largest[k] * T[e];
    }
    orthogonalPolarFactor(d, F, Dt);
    transposeInto(d, Dt, D);
    // MM2: F = Σₖ (Wₖ·D·Aₖ⁻¹ − max(1/Aₖ)·Wₖ·D); D = polar(F).
    F.fill(0);
    for (let k = 0; k < G; k++) {
      multiplyInto(d, scatters[k], D, M);
      let maxInverse = 0;
      for (let j = 0; j < d; j++) maxInverse = Math.max(maxInverse, 1 / shape[k * d + j]);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          const value = M[i * d + j];
          F[i * d + j] += value / shape[k * d + j] - maxInverse * value;
        }
      }
    }
    orthogonalPolarFactor(d, F, D);
    // Shapes and the objective from the diagonal of Dᵀ·Wₖ·D.
    objective = 0;
    for (let k = 0; k < G; k++) {
      multiplyInto(d, scatters[k], D, M);
      const offset = k * d;
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let i = 0; i < d; i++) sum += D[i * d + j] * M[i * d + j];
        shape[offset + j] = variableVolume ? sum / weights[k] : sum;
      }
      const root = Math.exp(sumOfLogs(shape, offset, d)) ** (1 / d);
      for (let j = 0; j < d; j++) shape[offset + j] /= root;
      if (variableVolume) volume[k] = root;
      let smallest = Number.POSITIVE_INFINITY;
      for (let j = 0; j < d; j++) smallest = Math.min(smallest, shape[offset + j]);
      if (!(smallest >= RTEPS) || (variableVolume && !(root >= RTEPS))) {
        throw singular(kind, `component ${k}: shape or volume < √ε`);
      }
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let i = 0; i < d; i++) sum += D[i * d + j] * M[i * d + j];
        objective += sum / shape[offset + j];
      }
    }
    change = Math.abs(objective - previous) / (1 + Math.abs(objective));
    previous = objective;
  } while (change > control.tolerance && inner < control.maxIterations);
  if (!variableVolume) volume.fill(objective / (total * d));
  const covariances = Array.from(volume, (v, k) => composeCovariance(d, D, shape, v, k * d));
  return { covariances, warm: { orientation: D, shape } };
}

function identity(d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let j = 0; j < d; j++) out[j * d + j] = 1;
  return out;
}

function sumOfLogs(values: Float64Array, offset: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += Math.log(values[offset + j]);
  return sum;
}

/** out = A·B for d x d row-major matrices (out may not alias A or B). */
function multiplyInto(d: number, A: Float64Array, B: Float64Array, out: Float64Array): void {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let l = 0; l < d; l++) sum += A[i * d + l] * B[l * d + j];
      out[i * d + j] = sum;
    }
  }
}

function transposeInto(d: number, A: Float64Array, out: Float64Array): void {
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[j * d + i] = A[i * d + j];
}
