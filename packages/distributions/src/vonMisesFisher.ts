import {
  assertNumber,
  type ComponentFamily,
  DegenerateComponentError,
  InvalidInputError,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';

import { besselIRatio, logBesselIScaled, logGamma } from '@mixkit/linalg';
import { ParamsReader } from './json/paramsReader.js';
import { outputRows } from './sampling/outputRows.js';
import { sampleVonMisesFisher } from './sampling/sampleVonMisesFisher.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { missingRowsFor, validateShape } from './support/validateSupport.js';

/** Options of the von Mises–Fisher family. */
export interface VonMisesFisherOptions {
  /**
   * Cap on an estimated concentration κ. When a component's rows all coincide, the
   * maximum-likelihood κ is infinite; it is capped here instead. Default 1e6.
   */
  readonly maxConcentration?: number;
}

/** Mean direction μ (unit) and concentration κ, with the log-normaliser cached. */
export interface VonMisesFisherParams {
  /** μ, the mean direction (a unit vector of length p). */
  readonly mean: Float64Array;
  /** κ ≥ 0, the concentration (0 is uniform on the sphere). */
  readonly concentration: number;
  /** Cache: log C_p(κ) + κ, so that log f(x) = κ(μᵀx − 1) + logNormalizer (no e^κ overflow). */
  readonly logNormalizer: number;
}

/** Σw and Σw·x: sufficient for (μ, κ), and linear in the weights. */
export interface VonMisesFisherStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x, the weighted resultant vector. */
  readonly sum: Float64Array;
}

const KIND = 'von-mises-fisher';
/** How far a row's norm may be from 1 and still be a point of the sphere (float32 embeddings). */
const UNIT_TOLERANCE = 1e-6;

/**
 * log C_p(κ) + κ with C_p(κ) = κ^{p/2−1} / ((2π)^{p/2} I_{p/2−1}(κ)), the normaliser of the
 * density C_p(κ) e^{κμᵀx} on the unit sphere S^{p−1} (Banerjee et al. 2005, eq. 2.1), from the
 * exponentially scaled log I of `@mixkit/linalg`: finite for p up to 1024 and beyond and κ up to
 * 1e5 and beyond. At κ = 0 it is −log |S^{p−1}| = log Γ(p/2) − log 2 − (p/2) log π.
 */
export function vonMisesFisherLogNormalizer(p: number, concentration: number): number {
  const order = p / 2 - 1;
  if (concentration === 0) return logGamma(p / 2) - Math.LN2 - (p / 2) * Math.log(Math.PI);
  return (
    order * Math.log(concentration) -
    (p / 2) * Math.log(2 * Math.PI) -
    logBesselIScaled(order, concentration)
  );
}

/** Parameters from a unit mean direction (copied) and κ ≥ 0, with the cached log-normaliser. */
export function vonMisesFisherParams(
  mean: ArrayLike<number>,
  concentration: number,
): VonMisesFisherParams {
  const copy = Float64Array.from(mean);
  return {
    mean: copy,
    concentration,
    logNormalizer: vonMisesFisherLogNormalizer(copy.length, concentration),
  };
}

/**
 * The maximum-likelihood κ for the mean resultant length r̄ = ‖Σw·x‖/Σw in p dimensions, i.e. the
 * root of A_p(κ) = I_{p/2}(κ)/I_{p/2−1}(κ) = r̄: Banerjee et al.'s (2005, eq. 4.4) approximation
 * r̄(p − r̄²)/(1 − r̄²) refined by Newton steps κ ← κ − (A_p(κ) − r̄)/(1 − A_p(κ)² − (p−1)A_p(κ)/κ)
 * (Sra 2012, "A short note on parameter approximation for von Mises–Fisher distributions",
 * Computational Statistics 27, eq. 6), until the step is below 1e-13·κ (about 2–4 steps).
 * Capped at `maxConcentration` (r̄ → 1); 0 for r̄ = 0.
 */
export function vonMisesFisherConcentration(
  p: number,
  meanResultantLength: number,
  maxConcentration = 1e6,
): number {
  const r = meanResultantLength;
  if (!(r > 0)) return 0;
  if (!(r < 1)) return maxConcentration;
  let kappa = (r * (p - r * r)) / ((1 - r) * (1 + r));
  if (!(kappa < maxConcentration)) return maxConcentration;
  const order = p / 2 - 1;
  for (let step = 0; step < 50; step++) {
    const a = besselIRatio(order, kappa);
    const slope = 1 - a * a - ((p - 1) / kappa) * a;
    if (!(slope > 0)) break;
    let next = kappa - (a - r) / slope;
    // A_p is increasing and concave in κ, so a Newton step from below can overshoot only
    // towards the root; never let it leave (0, ∞).
    if (!(next > 0)) next = kappa / 2;
    const change = Math.abs(next - kappa);
    kappa = next;
    if (change <= 1e-13 * kappa) break;
  }
  return Math.min(kappa, maxConcentration);
}

/**
 * The von Mises–Fisher distribution on the unit sphere S^{p−1} ⊂ ℝ^p (p ≥ 2), for directions such
 * as normalised embeddings: log f(x) = log C_p(κ) + κ μᵀx (Banerjee, Dhillon, Ghosh & Sra 2005,
 * "Clustering on the unit hypersphere using von Mises–Fisher distributions", JMLR 6).
 * M-step: μ = Σw·x / ‖Σw·x‖, κ from r̄ = ‖Σw·x‖/Σw by `vonMisesFisherConcentration`.
 * Rows must be unit vectors (norm within 1e-6 of 1); a row off the sphere has density −Infinity.
 * Free parameters: p (p − 1 for the direction, 1 for κ).
 */
export function vonMisesFisher(
  options: VonMisesFisherOptions = {},
): ComponentFamily<VonMisesFisherParams, VonMisesFisherStats> {
  const maxConcentration = options.maxConcentration ?? 1e6;
  assertNumber(maxConcentration, 'maxConcentration', { min: 0, exclusiveMin: true });
  return {
    kind: KIND,
    spec: () => ({ kind: KIND, options: { maxConcentration } }),
    validate(X: Matrix, argument = 'X') {
      validateShape(X, argument, KIND);
      missingRowsFor(
        X,
        KIND,
        'refuse-missing',
        'the marginal of a unit vector over some of its coordinates has no closed form',
      );
      validateUnitRows(X, argument);
    },
    createStats: (dimension) => ({ weight: 0, sum: new Float64Array(dimension) }),
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      const { data, cols } = X;
      const sum = stats.sum;
      for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
        const weight = weights[w];
        if (weight === 0) continue;
        stats.weight += weight;
        const row = i * cols;
        for (let j = 0; j < cols; j++) sum[j] += weight * data[row + j];
      }
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      for (let j = 0; j < target.sum.length; j++) target.sum[j] += source.sum[j];
      return target;
    },
    scale(stats, factor) {
      stats.weight *= factor;
      for (let j = 0; j < stats.sum.length; j++) stats.sum[j] *= factor;
      return stats;
    },
    totalWeight: (stats) => stats.weight,
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const p = stats.sum.length;
      let squared = 0;
      for (let j = 0; j < p; j++) squared += stats.sum[j] * stats.sum[j];
      const length = Math.sqrt(squared);
      if (!(length > 0 && length < Number.POSITIVE_INFINITY)) {
        throw new DegenerateComponentError(
          KIND,
          'no-support',
          `the weighted rows sum to a vector of length ${length}: no mean direction`,
        );
      }
      const mean = new Float64Array(p);
      for (let j = 0; j < p; j++) mean[j] = stats.sum[j] / length;
      // r̄ ≤ 1 up to rounding; the clamp keeps a rounding excess from reading as r̄ > 1.
      const resultant = Math.min(length / stats.weight, 1);
      return vonMisesFisherParams(
        mean,
        vonMisesFisherConcentration(p, resultant, maxConcentration),
      );
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols } = X;
      const { mean, concentration, logNormalizer } = params;
      const tail = cols & 3;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        // Four independent chains of the dot product and of the squared norm (so the adds do
        // not wait on one long chain), then the last p mod 4 terms.
        let dot0 = 0;
        let dot1 = 0;
        let dot2 = 0;
        let dot3 = 0;
        let norm0 = 0;
        let norm1 = 0;
        let norm2 = 0;
        let norm3 = 0;
        let j = 0;
        for (; j < cols - tail; j += 4) {
          const a = data[row + j];
          const b = data[row + j + 1];
          const c = data[row + j + 2];
          const e = data[row + j + 3];
          dot0 += a * mean[j];
          dot1 += b * mean[j + 1];
          dot2 += c * mean[j + 2];
          dot3 += e * mean[j + 3];
          norm0 += a * a;
          norm1 += b * b;
          norm2 += c * c;
          norm3 += e * e;
        }
        let dot = dot0 + dot1 + (dot2 + dot3);
        let norm = norm0 + norm1 + (norm2 + norm3);
        for (; j < cols; j++) {
          const value = data[row + j];
          dot += value * mean[j];
          norm += value * value;
        }
        // |‖x‖² − 1| ≤ 2.000001e-6 ⇔ |‖x‖ − 1| ≤ 1e-6 to first order; NaN fails the test too.
        out[o] =
          Math.abs(norm - 1) <= 2 * UNIT_TOLERANCE
            ? concentration * (dot - 1) + logNormalizer
            : Number.NEGATIVE_INFINITY;
      }
      return out;
    },
    sample(params, n, random, out, outRow) {
      const p = params.mean.length;
      const { buffer, offset } = outputRows(n, p, out, outRow);
      const scratch = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        sampleVonMisesFisher(
          params.mean,
          params.concentration,
          random,
          buffer,
          offset + i * p,
          scratch,
        );
      }
      return buffer;
    },
    dimension: (params) => params.mean.length,
    nParameters: (params) => params.mean.length,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      mean: Array.from(params.mean),
      concentration: params.concentration,
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const mean = reader.numbers('mean', undefined, { min: -1, max: 1 });
      const concentration = reader.number('concentration', { min: 0 });
      let squared = 0;
      for (const value of mean) squared += value * value;
      if (mean.length < 2 || !(Math.abs(squared - 1) <= 1e-12)) {
        throw new InvalidInputError(
          { argument: 'json.mean', value: Math.sqrt(squared) },
          `${KIND}: expected a unit vector of at least 2 entries`,
        );
      }
      return vonMisesFisherParams(mean, concentration);
    },
    checkParams: paramsShape(KIND, 'vonMisesFisherParams', {
      mean: 'vector',
      concentration: 'number',
      logNormalizer: 'number',
    }),
  };
}

/**
 * Throws `InvalidInputError` at the first row that is not a unit vector: at the entry when one
 * lies outside [−1, 1] (or is not finite), else at the row, with its norm. Needs p ≥ 2.
 */
function validateUnitRows(X: Matrix, argument: string): void {
  const { rows, cols, data } = X;
  if (cols < 2) {
    throw new InvalidInputError(
      { argument, value: cols },
      `${KIND}: directions need at least 2 columns`,
    );
  }
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < cols; j++) {
      const value = data[i * cols + j];
      if (!(Math.abs(value) <= 1 + UNIT_TOLERANCE)) {
        throw new InvalidInputError(
          { argument, row: i, column: j, value },
          `${KIND}: rows must be unit vectors`,
        );
      }
      norm += value * value;
    }
    if (!(Math.abs(norm - 1) <= 2 * UNIT_TOLERANCE)) {
      throw new InvalidInputError(
        { argument, row: i, value: Math.sqrt(norm) },
        `${KIND}: rows must be unit vectors (norm 1 ± ${UNIT_TOLERANCE}); divide each row by its norm first`,
      );
    }
  }
}
