import {
  assertInteger,
  assertNumber,
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
} from '@mixkit/core';
import { digamma, logGamma, trigamma } from '@mixkit/linalg';
import { POSITIVE, vectorParamsJson } from './json/vectorParamsJson.js';
import { outputRows } from './sampling/outputRows.js';
import { sampleGamma } from './sampling/sampleGamma.js';
import { addColumnSums, observedWeight, weightedSums } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { validateSupport } from './support/validateSupport.js';

/** Options of {@link gamma}. */
export interface GammaOptions {
  /** Newton iterations allowed for each shape (default 100; convergence takes about 4). */
  readonly maxIterations?: number;
  /** Relative change of the shape at which Newton stops (default 1e-12). */
  readonly tolerance?: number;
}

/** Independent gamma columns in the shape/rate parameterisation. */
export interface GammaParams {
  /** αⱼ, the shape of column j. */
  readonly shapes: Float64Array;
  /** βⱼ, the rate of column j (mean αⱼ/βⱼ). */
  readonly rates: Float64Array;
  /** Cache: Σⱼ αⱼ log βⱼ − log Γ(αⱼ), the log-density's constant term. */
  readonly logNormalizer: number;
}

/** Weighted sufficient statistics: Σw, Σw·x and Σw·log x per column, Σw over each column's observed rows. */
export interface GammaStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x per column (observed cells). */
  readonly sum: Float64Array;
  /** Σw·log x per column (observed cells). */
  readonly sumLog: Float64Array;
  /** Σw over the rows where each column is observed (equal to `weight` without missing cells). */
  readonly observed: Float64Array;
}

const KIND = 'gamma';

/**
 * log(mean) − mean(log) below this is treated as zero variance: the shape would exceed ~1e12
 * and the column is, to double precision, constant.
 */
export const GAMMA_MIN_LOG_RATIO = 1e-12;

/** Builds gamma parameters (with their cache) from positive shapes and rates. */
export function gammaParams(shapes: ArrayLike<number>, rates: ArrayLike<number>): GammaParams {
  const a = Float64Array.from(shapes);
  const b = Float64Array.from(rates);
  let logNormalizer = 0;
  for (let j = 0; j < a.length; j++) logNormalizer += a[j] * Math.log(b[j]) - logGamma(a[j]);
  return { shapes: a, rates: b, logNormalizer };
}

/**
 * The ML shape for a column with log-mean-ratio s = log(mean x) − mean(log x) > 0.
 *
 * T. P. Minka, "Estimating a Gamma distribution" (Microsoft Research note, 2002): the
 * generalized Newton update
 * 1/a ← 1/a + (mean(log x) − log mean x + log a − ψ(a)) / (a² (1/a − ψ'(a))),
 * started from the approximation a₀ = (3 − s + √((s − 3)² + 24 s)) / (12 s) given in the same
 * note; it converges to full precision in about four steps for any s.
 */
export function gammaShape(s: number, maxIterations = 100, tolerance = 1e-12): number {
  let a = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const numerator = -s + Math.log(a) - digamma(a);
    const denominator = a * a * (1 / a - trigamma(a));
    const next = 1 / (1 / a + numerator / denominator);
    const change = Math.abs(next - a);
    a = next;
    if (change <= tolerance * a) break;
  }
  return a;
}

/**
 * log p of the observed cells of a row with missing cells: Σ over observed j of
 * αⱼ log βⱼ − log Γ(αⱼ) + (αⱼ − 1) log xⱼ − βⱼ xⱼ.
 */
function observedLogDensity(
  params: GammaParams,
  data: Float64Array,
  row: number,
  cols: number,
): number {
  const { shapes, rates } = params;
  let value = 0;
  for (let j = 0; j < cols; j++) {
    const x = data[row + j];
    if (Number.isNaN(x)) continue;
    if (!(x > 0 && x < Number.POSITIVE_INFINITY)) return Number.NEGATIVE_INFINITY;
    const a = shapes[j];
    value += a * Math.log(rates[j]) - logGamma(a) + (a - 1) * Math.log(x) - rates[j] * x;
  }
  return value;
}

/**
 * Independent gamma columns: log p(x) = Σⱼ αⱼ log βⱼ − log Γ(αⱼ) + (αⱼ − 1) log xⱼ − βⱼ xⱼ on
 * x > 0. The shape has no closed-form ML estimate: `estimate` runs Minka's Newton iteration
 * ({@link gammaShape}) on the accumulated Σw, Σw x, Σw log x; then β = α / mean.
 * A (numerically) constant column has no gamma fit (α → ∞): estimate throws
 * `DegenerateComponentError('no-support')`. Missing cells (`'marginal'`): they drop out of a
 * row's sum, and each column's Σw is that of the rows observing it. Free parameters: 2d.
 */
export function gamma(options: GammaOptions = {}): ComponentFamily<GammaParams, GammaStats> {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  assertInteger(maxIterations, 'maxIterations', 1);
  assertNumber(tolerance, 'tolerance', { min: 0, exclusiveMin: true });

  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { maxIterations, tolerance } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'positive', undefined, 'accept-missing');
    },
    missingCells: 'marginal',
    ...weightedSums(['sum', 'sumLog', 'observed'], addColumnSums),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.sum.length;
      const shapes = new Float64Array(d);
      const rates = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const weight = observedWeight(KIND, stats.observed, j);
        const mean = stats.sum[j] / weight;
        const s = Math.log(mean) - stats.sumLog[j] / weight;
        if (!(s > GAMMA_MIN_LOG_RATIO)) {
          throw new DegenerateComponentError(
            KIND,
            'no-support',
            `column ${j} has (numerically) zero variance: log(mean) − mean(log) = ${s}`,
          );
        }
        const shape = gammaShape(s, maxIterations, tolerance);
        shapes[j] = shape;
        rates[j] = shape / mean;
      }
      return gammaParams(shapes, rates);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols, missingRows } = X;
      const { shapes, rates, logNormalizer } = params;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        if (missingRows !== undefined && missingRows[i] === 1) {
          out[o] = observedLogDensity(params, data, row, cols);
          continue;
        }
        let value = logNormalizer;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (!(x > 0 && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          value += (shapes[j] - 1) * Math.log(x) - rates[j] * x;
        }
        out[o] = value;
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const d = params.shapes.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          // Guard the (astronomically rare) underflow of a tiny-shape draw to 0, outside the support.
          const draw = sampleGamma(params.shapes[j], random) / params.rates[j];
          buffer[offset + i * d + j] = draw > 0 ? draw : Number.MIN_VALUE;
        }
      }
      return buffer;
    },
    dimension: (params) => params.shapes.length,
    nParameters: (params) => 2 * params.shapes.length,
    ...vectorParamsJson(KIND, { shapes: POSITIVE, rates: POSITIVE }, gammaParams),
    checkParams: paramsShape(KIND, 'gammaParams', {
      shapes: 'vector',
      rates: 'vector',
      logNormalizer: 'number',
    }),
  };
}
