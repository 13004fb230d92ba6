/** ½ log 2π. */
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * How a Gaussian family's parameters give the precision Λ = Σ⁻¹: through the upper-triangular
 * precision Cholesky factor U (Λ = U·Uᵀ: the full, tied and parsimonious families), or through
 * the precisions of a diagonal covariance (the diag and spherical families).
 */
export type PrecisionForm = 'cholesky' | 'diagonal';

/** The parameters the missing-cell path reads (every Gaussian family's have these fields). */
export interface ConditionableParams {
  readonly mean: Float64Array;
  readonly logDetPrecisionCholesky: number;
  readonly precisionCholesky?: Float64Array;
  readonly precisions?: Float64Array;
}

/**
 * The Gaussian families' treatment of a row with missing cells (`missingCells: 'conditional'`),
 * after Ghahramani & Jordan (1994, §3), written with the precision Λ = Σ⁻¹ so that only the
 * missing block (usually small) is factorised. For missing coordinates m and observed o:
 *
 * - x̂ₘ = E[xₘ | xₒ] = μₘ − Λₘₘ⁻¹ Λₘₒ (xₒ − μₒ), and Cov[xₘ | xₒ] = Λₘₘ⁻¹ (the Schur complement
 *   identity Σₘₘ − Σₘₒ Σₒₒ⁻¹ Σₒₘ = Λₘₘ⁻¹);
 * - the marginal log-density of the observed cells, log N(xₒ | μₒ, Σₒₒ), with
 *   log det Σₒₒ = log det Σ + log det Λₘₘ and (xₒ − μₒ)ᵀ Σₒₒ⁻¹ (xₒ − μₒ) = (x̂ − μ)ᵀ Λ (x̂ − μ),
 *   the completed row's own Mahalanobis distance (the minimum of the quadratic form over xₘ),
 *   computed as ||(x̂ − μ)·U||², a sum of squares.
 *
 * One instance per family object holds the scratch arrays (grown to the largest dimension seen)
 * and the factorisation of the last missing pattern, reused while consecutive rows share pattern
 * and parameters. Λ of full-form parameters is computed once per parameter object (they are
 * immutable) and kept while the object lives.
 */
export class ConditionalRows {
  /** The completed row x̂ (the observed cells, and x̂ₘ at the missing ones). */
  x = new Float64Array(0);
  /** The missing coordinates of the last row, `missingCount` of them. */
  missing = new Int32Array(0);
  /** How many coordinates the last row misses. */
  missingCount = 0;
  /** Cov[xₘ | xₒ] = Λₘₘ⁻¹ of the last row, q x q row-major (after `conditionalCovariance`). */
  covariance = new Float64Array(0);
  private readonly form: PrecisionForm;
  private readonly precisions = new WeakMap<Float64Array, Float64Array>();
  private factor = new Float64Array(0);
  private rhs = new Float64Array(0);
  private centred = new Float64Array(0);
  private pattern = new Int32Array(0);
  private patternCount = -1;
  private patternParams: ConditionableParams | undefined;
  private logDetBlock = 0;
  private covarianceReady = false;

  constructor(form: PrecisionForm) {
    this.form = form;
  }

  /**
   * Completes row `i` of `data` (d columns) under `params` into `x`: the observed cells as they
   * are, each missing one (NaN) at its conditional expectation. Returns log det Λₘₘ (0 when
   * nothing is missing).
   */
  complete(params: ConditionableParams, data: Float64Array, i: number, d: number): number {
    this.grow(d);
    const { x, missing } = this;
    let q = 0;
    for (let j = 0; j < d; j++) {
      const value = data[i * d + j];
      x[j] = value;
      if (Number.isNaN(value)) missing[q++] = j;
    }
    this.missingCount = q;
    if (q === 0) return 0;
    const { mean } = params;
    if (this.form === 'diagonal') {
      // Λ diagonal: the missing coordinates are independent of the observed ones.
      const precisions = params.precisions!;
      let logDet = 0;
      for (let t = 0; t < q; t++) {
        const j = missing[t];
        x[j] = mean[j];
        logDet += Math.log(precisions[j]);
      }
      this.covarianceReady = false;
      return logDet;
    }
    const lambda = this.precisionOf(params, d);
    this.factorPattern(params, lambda, d, q);
    // rhs = Λₘₒ (xₒ − μₒ), then Λₘₘ⁻¹ rhs through the factor.
    const { rhs, centred } = this;
    for (let j = 0; j < d; j++) centred[j] = Number.isNaN(x[j]) ? 0 : x[j] - mean[j];
    for (let t = 0; t < q; t++) {
      const row = missing[t] * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += lambda[row + j] * centred[j];
      rhs[t] = s;
    }
    solveInPlace(this.factor, q, rhs);
    for (let t = 0; t < q; t++) x[missing[t]] = mean[missing[t]] - rhs[t];
    return this.logDetBlock;
  }

  /**
   * The marginal log-density of the observed cells of row `i` (−Infinity never: the observed
   * cells are finite), log N(xₒ | μₒ, Σₒₒ); exactly 0 when every cell is missing.
   */
  logDensity(params: ConditionableParams, data: Float64Array, i: number, d: number): number {
    const logDetBlock = this.complete(params, data, i, d);
    const q = this.missingCount;
    if (q === d) return 0;
    const { x, centred } = this;
    const { mean } = params;
    let distance = 0;
    if (this.form === 'diagonal') {
      const precisions = params.precisions!;
      for (let j = 0; j < d; j++) {
        const z = x[j] - mean[j];
        distance += z * z * precisions[j];
      }
    } else {
      const U = params.precisionCholesky!;
      for (let j = 0; j < d; j++) centred[j] = x[j] - mean[j];
      for (let k = 0; k < d; k++) {
        let s = 0;
        for (let a = 0; a <= k; a++) s += centred[a] * U[a * d + k];
        distance += s * s;
      }
    }
    return (
      params.logDetPrecisionCholesky -
      0.5 * logDetBlock -
      (d - q) * HALF_LOG_TWO_PI -
      0.5 * distance
    );
  }

  /**
   * Writes Cov[xₘ | xₒ] = Λₘₘ⁻¹ of the row last completed to `covariance` (q x q, in the order
   * of `missing`).
   */
  conditionalCovariance(params: ConditionableParams): Float64Array {
    const q = this.missingCount;
    const { covariance, missing } = this;
    if (this.form === 'diagonal') {
      const precisions = params.precisions!;
      covariance.fill(0, 0, q * q);
      for (let t = 0; t < q; t++) covariance[t * q + t] = 1 / precisions[missing[t]];
      return covariance;
    }
    if (!this.covarianceReady) {
      // Column t of Λₘₘ⁻¹ solves Λₘₘ c = e_t (q solves of O(q²) each).
      const column = this.rhs;
      for (let t = 0; t < q; t++) {
        column.fill(0, 0, q);
        column[t] = 1;
        solveInPlace(this.factor, q, column);
        for (let s = 0; s < q; s++) covariance[s * q + t] = column[s];
      }
      this.covarianceReady = true;
    }
    return covariance;
  }

  /** Λ = U·Uᵀ of full-form parameters, once per parameter object. */
  private precisionOf(params: ConditionableParams, d: number): Float64Array {
    const U = params.precisionCholesky!;
    const known = this.precisions.get(U);
    if (known !== undefined) return known;
    const lambda = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        // U is upper triangular: U[a][k] is 0 for k < a.
        let s = 0;
        for (let k = a; k < d; k++) s += U[a * d + k] * U[b * d + k];
        lambda[a * d + b] = s;
        lambda[b * d + a] = s;
      }
    }
    this.precisions.set(U, lambda);
    return lambda;
  }

  /** Factorises Λₘₘ of the current pattern, unless the last row had the same pattern and params. */
  private factorPattern(
    params: ConditionableParams,
    lambda: Float64Array,
    d: number,
    q: number,
  ): void {
    const { missing, pattern } = this;
    let same = params === this.patternParams && q === this.patternCount;
    for (let t = 0; same && t < q; t++) same = missing[t] === pattern[t];
    if (same) return;
    const block = this.factor;
    for (let s = 0; s < q; s++) {
      for (let t = 0; t < q; t++) block[s * q + t] = lambda[missing[s] * d + missing[t]];
    }
    // A principal block of a positive-definite Λ is positive definite: this cannot fail for
    // parameters that came out of `estimate` (their Cholesky factor exists).
    choleskyInPlace(block, q);
    let logDet = 0;
    for (let t = 0; t < q; t++) logDet += 2 * Math.log(block[t * q + t]);
    this.logDetBlock = logDet;
    pattern.set(missing.subarray(0, q));
    this.patternCount = q;
    this.patternParams = params;
    this.covarianceReady = false;
  }

  private grow(d: number): void {
    if (this.x.length >= d) return;
    this.x = new Float64Array(d);
    this.missing = new Int32Array(d);
    this.pattern = new Int32Array(d);
    this.covariance = new Float64Array(d * d);
    this.factor = new Float64Array(d * d);
    this.rhs = new Float64Array(d);
    this.centred = new Float64Array(d);
    this.patternCount = -1;
  }
}

/**
 * Cholesky factorisation A = L·Lᵀ in place of the q x q row-major `a` (lower triangle read and
 * written; Cholesky–Banachiewicz, as linalg's `cholesky`, without allocating: patterns of
 * missing cells can change from row to row).
 */
function choleskyInPlace(a: Float64Array, q: number): void {
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * q + j];
      for (let k = 0; k < j; k++) s -= a[i * q + k] * a[j * q + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError('precision block is not positive definite');
        a[i * q + i] = Math.sqrt(s);
      } else {
        a[i * q + j] = s / a[j * q + j];
      }
    }
  }
}

/** Solves L·Lᵀ y = b in place of `b` (its first q entries), L the factor in `factor` (q x q). */
function solveInPlace(factor: Float64Array, q: number, b: Float64Array): void {
  for (let i = 0; i < q; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= factor[i * q + k] * b[k];
    b[i] = s / factor[i * q + i];
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < q; k++) s -= factor[k * q + i] * b[k];
    b[i] = s / factor[i * q + i];
  }
}
