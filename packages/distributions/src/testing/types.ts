import type { SerializedParams } from '@mixkit/core';
import type { FamilyRegistry } from '../registry.js';

/** The names of the conformance checks, usable as keys of `expectedFailures`. */
export type CheckName =
  | 'normalization'
  | 'recovery'
  | 'merge'
  | 'duplicate-weights'
  | 'zero-weights'
  | 'weight-scale-invariance'
  | 'scale'
  | 'strided-weights'
  | 'strided-output'
  | 'sample-output'
  | 'json-round-trip'
  | 'spec-round-trip'
  | 'validate-non-finite'
  | 'validate-support'
  | 'validate-dimension'
  | 'parameter-count'
  | 'empty-stats'
  | 'kernel-memory'
  | 'map-estimate'
  | 'check-params';

/** One column of a `grid` normalisation domain: discrete values, or a continuous interval. */
export type GridColumn =
  | { readonly values: readonly number[] }
  | { readonly bounds: readonly [number, number]; readonly intervals?: number };

/**
 * How to check that a case's density is normalised:
 * - `sum`: a discrete family; the log-density is summed over the Cartesian product of
 *   `values[j]` (the truncated support of column j), keeping only rows where `where` holds
 *   (e.g. count vectors with a fixed total for a multinomial). Default tolerance 1e-9.
 * - `quadrature`: a continuous family in 1 or 2 dimensions; composite 16-point Gauss–Legendre
 *   over the box `bounds`, `intervals` panels per dimension (default 400 in 1-D, 60 in 2-D).
 *   Default tolerance 1e-6.
 * - `grid`: the general tensor grid behind both, for mixed data (e.g. a product of a Gaussian
 *   and a Poisson): each column is summed over `values` or integrated over `bounds`
 *   (`intervals` panels, default 100). At most 4 million points. Default tolerance 1e-9 when
 *   every column is discrete, 1e-6 otherwise.
 * - `monte-carlo`: a continuous family in any dimension; importance sampling from a product of
 *   Cauchy proposals centred on a pilot sample's medians (heavy tails, so the weights p/q stay
 *   bounded for Gaussian, gamma and log-normal tails). Default 200 000 draws, tolerance 0.02.
 */
export type NormalizationDomain =
  | {
      readonly method: 'sum';
      readonly values: readonly (readonly number[])[];
      readonly where?: (row: Float64Array) => boolean;
      readonly tolerance?: number;
    }
  | {
      readonly method: 'quadrature';
      readonly bounds: readonly (readonly [number, number])[];
      readonly intervals?: number;
      readonly tolerance?: number;
    }
  | {
      readonly method: 'grid';
      readonly columns: readonly GridColumn[];
      readonly where?: (row: Float64Array) => boolean;
      readonly tolerance?: number;
    }
  | { readonly method: 'monte-carlo'; readonly draws?: number; readonly tolerance?: number };

/** One parameter setting the checks run on. */
export interface ConformanceCase {
  /** Shown in the test titles. */
  readonly name: string;
  /** The parameters, in the family's JSON form (read with `paramsFromJSON`). */
  readonly params: SerializedParams;
  /** How to check that the density integrates / sums to 1. */
  readonly normalization: NormalizationDomain;
  /** The expected free-parameter count of one component (hand-computed, for BIC/AIC). */
  readonly nParameters: number;
  /** The expected shared-parameter count (default 0). */
  readonly nSharedParameters?: number;
  /**
   * Values outside the support of a column: `validate` must reject each with an
   * `InvalidInputError` at that row and column, and `logDensity` must give `-Infinity`.
   */
  readonly invalidEntries?: readonly { readonly column: number; readonly value: number }[];
}

/** Numerical tolerances of the checks (relative unless said otherwise). */
export interface ConformanceTolerances {
  /** Statistics and log-densities that must agree up to rounding (merge, duplicates, scale). */
  readonly statistics: number;
  /** Maximum Kullback–Leibler divergence (nats) from the true to the re-estimated density. */
  readonly recoveryKl: number;
}

/** Options of `describeComponentFamily`. */
export interface ConformanceOptions {
  readonly cases: readonly ConformanceCase[];
  readonly tolerances?: Partial<ConformanceTolerances>;
  /** Checks known to fail, with the reason; they run as expected failures (`it.fails`). */
  readonly expectedFailures?: Partial<Record<CheckName, string>>;
  /** Registry used to rebuild the family from `spec()`; default `defaultRegistry`. */
  readonly registry?: FamilyRegistry;
  /** When true, `validate` must also reject data with one column more than the case has. */
  readonly fixedDimension?: boolean;
  /** Rows drawn for the property checks (default 64). */
  readonly sampleSize?: number;
  /** Rows drawn for the recovery check (default 20 000). */
  readonly recoverySampleSize?: number;
  /** Seed of every random draw (default 1). */
  readonly seed?: number;
}

/** One runnable check: what `describeComponentFamily` turns into a test. */
export interface ConformanceCheck {
  readonly caseName: string;
  readonly check: CheckName;
  readonly title: string;
  /** Throws an `Error` explaining the violation; returns normally when the check passes. */
  readonly run: () => void;
}
