// A component family written outside mixkit, end to end in this one file: the von Mises
// distribution ("the Gaussian of the circle") for angles in radians, over d independent columns.
// It implements core's ComponentFamily, so @mixkit/em fits it, @mixkit/distributions' product
// combines it with shipped families, and the conformance kit checks it (test/vonMises.test.ts).
import {
  assertNumber,
  type ComponentFamily,
  type JsonValue,
  type Matrix,
  type RandomSource,
  type SerializedParams,
} from '@mixkit/core';
import {
  assertWeight,
  outputRows,
  ParamsReader,
  specOptions,
  validateSupport,
} from '@mixkit/distributions';

export interface VonMisesOptions {
  /**
   * Cap on an estimated concentration κ. When all of a component's angles coincide, the
   * maximum-likelihood κ is infinite; it is capped here instead. Default 1e6.
   */
  readonly maxConcentration?: number;
}

/** Mean direction μⱼ and concentration κⱼ per column, with the log-normaliser cached. */
export interface VonMisesParams {
  readonly mean: Float64Array;
  readonly concentration: Float64Array;
  /** Cache: Σⱼ −log(2π I₀(κⱼ)). */
  readonly logNormalizer: number;
}

/** Σw, and Σw·cos xⱼ, Σw·sin xⱼ per column: sufficient, and linear in the weights. */
export interface VonMisesStats {
  weight: number;
  readonly sumCos: Float64Array;
  readonly sumSin: Float64Array;
}

const KIND = 'von-mises';
const TWO_PI = 2 * Math.PI;

/**
 * log I₀(κ) and A(κ) = I₁(κ)/I₀(κ) for κ >= 0: the power series for κ <= 30, the Hankel
 * asymptotic expansion (Abramowitz & Stegun 9.7.1) beyond, both to about 1e-14.
 */
export function besselRatio(kappa: number): { logI0: number; ratio: number } {
  if (kappa <= 30) {
    // I₀ = Σ t^m/(m!)², I₁ = (κ/2) Σ t^m/(m!(m+1)!), with t = κ²/4.
    const t = (kappa * kappa) / 4;
    let term0 = 1;
    let term1 = 1;
    let i0 = 1;
    let i1 = 1;
    for (let m = 1; m < 200 && term0 > 1e-17 * i0; m++) {
      term0 *= t / (m * m);
      term1 *= t / (m * (m + 1));
      i0 += term0;
      i1 += term1;
    }
    return { logI0: Math.log(i0), ratio: ((kappa / 2) * i1) / i0 };
  }
  // I_ν(κ) ~ e^κ/√(2πκ) Σ_k (−1)^k a_k(ν)/κ^k, a_k(ν) = Π_{i≤k} (4ν² − (2i−1)²) / (k! 8^k).
  let s0 = 1;
  let s1 = 1;
  let a0 = 1;
  let a1 = 1;
  for (let k = 1; k <= 12; k++) {
    const odd = (2 * k - 1) ** 2;
    a0 *= -(0 - odd) / (k * 8 * kappa);
    a1 *= -(4 - odd) / (k * 8 * kappa);
    s0 += a0;
    s1 += a1;
  }
  return { logI0: kappa - 0.5 * Math.log(TWO_PI * kappa) + Math.log(s0), ratio: s1 / s0 };
}

/** Builds parameters (with the cached normaliser) from mean directions and concentrations. */
export function vonMisesParams(
  mean: ArrayLike<number>,
  concentration: ArrayLike<number>,
): VonMisesParams {
  const kappa = Float64Array.from(concentration);
  let logNormalizer = 0;
  for (const k of kappa) logNormalizer -= Math.log(TWO_PI) + besselRatio(k).logI0;
  return { mean: Float64Array.from(mean), concentration: kappa, logNormalizer };
}

/**
 * Solves A(κ) = R̄ for the maximum-likelihood concentration: Banerjee et al. (2005)'s
 * approximation κ ≈ R̄(2 − R̄²)/(1 − R̄²), then Newton steps with A'(κ) = 1 − A² − A/κ (Sra 2012).
 */
function solveConcentration(meanResultant: number, maxConcentration: number): number {
  if (meanResultant < 1e-12) return 0;
  if (meanResultant >= 1 - 1e-15) return maxConcentration;
  const r2 = meanResultant * meanResultant;
  let kappa = (meanResultant * (2 - r2)) / (1 - r2);
  for (let step = 0; step < 3 && kappa > 1e-8 && kappa < maxConcentration; step++) {
    const a = besselRatio(kappa).ratio;
    kappa -= (a - meanResultant) / (1 - a * a - a / kappa);
  }
  return Math.min(Math.max(kappa, 0), maxConcentration);
}

/**
 * One von Mises draw (Best & Fisher 1979, in the form numpy's `vonmises` uses), wrapped to
 * (μ − π, μ + π].
 */
function sampleVonMises(mu: number, kappa: number, random: RandomSource): number {
  if (kappa < 1e-8) return mu + Math.PI * (2 * random.uniform() - 1);
  if (kappa > 1e6) return mu + random.normal() / Math.sqrt(kappa);
  let s: number;
  if (kappa < 1e-5) s = 1 / kappa + kappa;
  else {
    const r = 1 + Math.sqrt(1 + 4 * kappa * kappa);
    const rho = (r - Math.sqrt(2 * r)) / (2 * kappa);
    s = (1 + rho * rho) / (2 * rho);
  }
  let w: number;
  for (;;) {
    const z = Math.cos(Math.PI * random.uniform());
    w = (1 + s * z) / (s + z);
    const y = kappa * (s - w);
    const v = random.uniform();
    if (y * (2 - y) - v >= 0 || Math.log(y / v) + 1 - y >= 0) break;
  }
  const angle = Math.acos(Math.min(1, Math.max(-1, w)));
  return mu + (random.uniform() < 0.5 ? -angle : angle);
}

/**
 * Independent von Mises angles (radians): log p(x) = Σⱼ κⱼ cos(xⱼ − μⱼ) − log(2π I₀(κⱼ)).
 * Any finite angle is in the support (the density has period 2π). ML estimate: μⱼ is the
 * direction of the weighted resultant (Σw cos, Σw sin), κⱼ solves A(κ) = its mean length.
 * Free parameters: 2 per column.
 */
export function vonMises(
  options: VonMisesOptions = {},
): ComponentFamily<VonMisesParams, VonMisesStats> {
  const maxConcentration = options.maxConcentration ?? 1e6;
  assertNumber(maxConcentration, 'maxConcentration', { min: 0, exclusiveMin: true });
  return {
    kind: KIND,
    spec: () => ({ kind: KIND, options: { maxConcentration } }),
    validate(X: Matrix, argument = 'X') {
      validateSupport(X, argument, KIND, 'real');
    },
    createStats: (d) => ({ weight: 0, sumCos: new Float64Array(d), sumSin: new Float64Array(d) }),
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      const { data, cols } = X;
      for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
        const weight = weights[w];
        if (weight === 0) continue;
        stats.weight += weight;
        for (let j = 0; j < cols; j++) {
          const x = data[i * cols + j];
          stats.sumCos[j] += weight * Math.cos(x);
          stats.sumSin[j] += weight * Math.sin(x);
        }
      }
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      for (let j = 0; j < target.sumCos.length; j++) {
        target.sumCos[j] += source.sumCos[j];
        target.sumSin[j] += source.sumSin[j];
      }
      return target;
    },
    scale(stats, factor) {
      stats.weight *= factor;
      for (let j = 0; j < stats.sumCos.length; j++) {
        stats.sumCos[j] *= factor;
        stats.sumSin[j] *= factor;
      }
      return stats;
    },
    totalWeight: (stats) => stats.weight,
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.sumCos.length;
      const mean = new Float64Array(d);
      const kappa = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const c = stats.sumCos[j];
        const s = stats.sumSin[j];
        mean[j] = Math.atan2(s, c);
        kappa[j] = solveConcentration(Math.hypot(c, s) / stats.weight, maxConcentration);
      }
      return vonMisesParams(mean, kappa);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols } = X;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        let value = params.logNormalizer;
        for (let j = 0; j < cols; j++) {
          value += params.concentration[j] * Math.cos(data[i * cols + j] - params.mean[j]);
        }
        // A non-finite angle is outside the support: -Infinity, never NaN.
        out[o] = Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
      }
      return out;
    },
    sample(params, n, random, out, outRow) {
      const d = params.mean.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          buffer[offset + i * d + j] = sampleVonMises(
            params.mean[j],
            params.concentration[j],
            random,
          );
        }
      }
      return buffer;
    },
    dimension: (params) => params.mean.length,
    nParameters: (params) => 2 * params.mean.length,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      mean: Array.from(params.mean),
      concentration: Array.from(params.concentration),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const mean = reader.numbers('mean');
      return vonMisesParams(mean, reader.numbers('concentration', mean.length, { min: 0 }));
    },
  };
}

/** Registry entry, so saved mixtures containing von Mises components can be loaded again. */
export const vonMisesFactory = (options: JsonValue) =>
  vonMises(specOptions<VonMisesOptions>(options, KIND));
