import {
  assertNumber,
  type DataRanges,
  type FitWarning,
  InvalidInputError,
  type JsonValue,
} from '@mixkit/core';
import type { GaussianStats } from './statistics.js';

/**
 * What the Gaussian families add to the diagonal of every estimated covariance (scikit-learn's
 * `reg_covar`), to keep covariances positive definite when a component collapses onto a few
 * points or a column is constant:
 * - a number: the same absolute amount for every column (scikit-learn's meaning; default 1e-6);
 * - one number per column: absolute amounts, column by column;
 * - `{ relative: r }`: r times each column's variance in the data being fitted, resolved when
 *   a fit starts (`ComponentFamily.forData`), so a column measured in units of 1e-6 next to
 *   one in units of 1e6 is regularised on its own scale instead of being swamped. A constant
 *   column (variance 0) gets r times the largest column variance (r when every column is
 *   constant).
 */
export type RegCovar =
  | number
  | readonly number[]
  | {
      /** The factor r: the amount added to column j is r × column j's variance. */
      readonly relative: number;
    };

/** A validated `RegCovar`: absolute per column (a number for all), or relative, unresolved. */
export type Regularization =
  | { readonly kind: 'absolute'; readonly values: number | Float64Array }
  | { readonly kind: 'relative'; readonly factor: number };

/** Validates a `regCovar` option (default 1e-6) into a `Regularization`. */
export function resolveRegularization(regCovar: RegCovar | undefined): Regularization {
  const value = regCovar ?? 1e-6;
  if (typeof value === 'number') {
    assertNumber(value, 'regCovar', { min: 0 });
    return { kind: 'absolute', values: value };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new InvalidInputError({ argument: 'regCovar', value }, 'expected one value per column');
    }
    value.forEach((v: unknown, j) => {
      assertNumber(v, `regCovar[${j}]`, { min: 0 });
    });
    return { kind: 'absolute', values: Float64Array.from(value) };
  }
  if (value !== null && typeof value === 'object' && 'relative' in value) {
    assertNumber(value.relative, 'regCovar.relative', { min: 0 });
    return { kind: 'relative', factor: value.relative };
  }
  throw new InvalidInputError(
    { argument: 'regCovar', value },
    'expected a number, one number per column, or { relative: number }',
  );
}

/** The `regCovar` a family's `spec()` writes: what `resolveRegularization` reads back. */
export function regularizationJson(regularization: Regularization): JsonValue {
  if (regularization.kind === 'relative') return { relative: regularization.factor };
  const { values } = regularization;
  return typeof values === 'number' ? values : Array.from(values);
}

/**
 * The absolute amounts for data with `d` columns, for `estimate`. A relative regularisation
 * has not been resolved against any data yet: that is an error naming `regCovar`.
 */
export function absoluteRegularization(
  regularization: Regularization,
  kind: string,
  d: number,
): number | Float64Array {
  if (regularization.kind === 'relative') {
    throw new InvalidInputError(
      { argument: 'regCovar', value: `{ relative: ${regularization.factor} }` },
      `${kind}: a relative regCovar is resolved against the data when a fit starts (forData): fit through a runner (fitMixture, GaussianMixture), or give an absolute regCovar to estimate directly`,
    );
  }
  const { values } = regularization;
  if (typeof values !== 'number' && values.length !== d) {
    throw new InvalidInputError(
      { argument: 'regCovar', value: values.length },
      `${kind}: ${values.length} values for data with ${d} columns`,
    );
  }
  return values;
}

/** Entry j of an absolute regularisation. */
export function regularizationAt(values: number | Float64Array, j: number): number {
  return typeof values === 'number' ? values : values[j];
}

/**
 * `forData` of a Gaussian family: the column variances of the data's statistics resolve a
 * relative regularisation into absolute per-column amounts (a new family, built by `rebuild`;
 * none for an absolute one, which is used as it is),
 * and every column whose regularisation is at least its variance (and the variance > 0) is
 * reported as a `regularization-dominates` warning. `diagonal` says where the scatter keeps
 * column j's sum of squares: at j (diagonal statistics) or at j·d + j (full).
 */
export function gaussianForData<F>(
  kind: string,
  regularization: Regularization,
  stats: GaussianStats,
  diagonal: boolean,
  rebuild: (regCovar: readonly number[]) => F,
): { readonly family?: F; readonly warnings: readonly FitWarning[] } {
  const d = stats.mean.length;
  const variances = new Float64Array(d);
  let largest = 0;
  for (let j = 0; j < d; j++) {
    const sum = stats.scatter[diagonal ? j : j * d + j];
    variances[j] = stats.weight > 0 ? sum / stats.weight : 0;
    largest = Math.max(largest, variances[j]);
  }
  let values: number | Float64Array;
  let family: F | undefined;
  if (regularization.kind === 'relative') {
    const r = regularization.factor;
    const resolved = Array.from(variances, (v) => r * (v > 0 ? v : largest > 0 ? largest : 1));
    values = Float64Array.from(resolved);
    family = rebuild(resolved);
  } else {
    values = absoluteRegularization(regularization, kind, d);
  }
  const warnings: FitWarning[] = [];
  for (let j = 0; j < d; j++) {
    const variance = variances[j];
    const regCovar = regularizationAt(values, j);
    if (variance > 0 && regCovar >= variance) {
      warnings.push({
        kind: 'regularization-dominates',
        family: kind,
        column: j,
        regCovar,
        variance,
      });
    }
  }
  return family === undefined ? { warnings } : { family, warnings };
}

/**
 * `forDataRanges` of a Gaussian family: `gaussianForData`'s answer without the statistics when
 * the column ranges settle it. A relative regularisation needs the variances (undefined). An
 * absolute one changes no family, and warns only for a column whose variance is at most its
 * regularisation; n rows spanning [min, max] have a variance of at least (max − min)² / (2n)
 * (the two extreme rows alone: Σ (x − mean)² ≥ (max − mean)² + (min − mean)² ≥ (max − min)² / 2),
 * so when that bound exceeds twice the regularisation in every column (the factor 2 covers the
 * rounding of the computed variance many times over), no column warns and the answer is no
 * warnings. Otherwise undefined: the statistics decide.
 */
export function gaussianForRanges(
  kind: string,
  regularization: Regularization,
  ranges: DataRanges,
): { readonly warnings: readonly FitWarning[] } | undefined {
  if (regularization.kind === 'relative') return undefined;
  const { rows, columnMin, columnMax } = ranges;
  const values = absoluteRegularization(regularization, kind, columnMin.length);
  for (let j = 0; j < columnMin.length; j++) {
    const regCovar = regularizationAt(values, j);
    // regCovar 0 never reaches a positive variance; the comparison is false for NaN spans.
    if (regCovar === 0) continue;
    const span = columnMax[j] - columnMin[j];
    if (!((span * span) / (2 * rows) > 2 * regCovar)) return undefined;
  }
  return { warnings: [] };
}
