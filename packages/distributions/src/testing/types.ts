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
  | 'check-params'
  | 'likelihood-maximum'
  | 'missing-refused'
  | 'missing-validate'
  | 'missing-density'
  | 'missing-statistics'
  | 'missing-em-step'
  | 'for-data-ranges'
  | 'plain-params';

/** One column of a `grid` normalisation domain: discrete values, or a continuous interval. */
export type GridColumn =
  | {
      /** The column's values, summed over. */
      readonly values: readonly number[];
    }
  | {
      /** The interval [lo, hi] integrated over. */
      readonly bounds: readonly [number, number];
      /** Gauss–Legendre panels over it (default 100). */
      readonly intervals?: number;
    };

/**
 * How to check that a case's density is normalised:
 * - `sum`: a discrete family; the log-density is summed over the Cartesian product of
 *   `values[j]` (the truncated support of column j), keeping only rows where `where` holds
 *   (e.g. count vectors with a fixed total for a multinomial). Default tolerance 1e-9.
 * - `quadrature`: a continuous family in 1 or 2 dimensions; adaptive 16-point Gauss–Legendre
 *   over the box `bounds`, starting from `intervals` panels per dimension (default 400 in 1-D,
 *   16 in 2-D) and bisecting every panel whose rule disagrees with the sum over its halves, so a
 *   kink between nodes (a Laplace density's peak, a truncation) costs no mass.
 *   Default tolerance 1e-6.
 * - `grid`: the general tensor grid behind both, for mixed data (e.g. a product of a Gaussian
 *   and a Poisson): each column is summed over `values` or integrated adaptively over `bounds`
 *   (`intervals` initial panels, default 100). At most 20 million density evaluations. Default
 *   tolerance 1e-9 when every column is discrete, 1e-6 otherwise.
 * - `sphere`: a family on the unit sphere S^{p−1} (directions, e.g. von Mises–Fisher): adaptive
 *   quadrature over the angle for p = 2 and over (z, φ) for p = 3 (`intervals` initial panels,
 *   default 64 and 16), tolerance 1e-6; for p ≥ 4, `draws` uniform points of the sphere (default
 *   200 000) and tolerance 0.02, which suits moderate concentrations.
 * - `monte-carlo`: a continuous family in any dimension; importance sampling from a product of
 *   Cauchy proposals centred on a pilot sample's medians (heavy tails, so the weights p/q stay
 *   bounded for Gaussian, gamma and log-normal tails). Default 200 000 draws, tolerance 0.02.
 */
export type NormalizationDomain =
  | {
      /** Sum over a discrete support. */
      readonly method: 'sum';
      /** `values[j]`: the (truncated) support of column j. */
      readonly values: readonly (readonly number[])[];
      /** Keeps only the rows of the product where it holds. */
      readonly where?: (row: Float64Array) => boolean;
      /** Largest accepted |total − 1|. */
      readonly tolerance?: number;
    }
  | {
      /** Gauss–Legendre quadrature over a box (1 or 2 dimensions). */
      readonly method: 'quadrature';
      /** `bounds[j]`: the interval of column j. */
      readonly bounds: readonly (readonly [number, number])[];
      /** Panels per dimension (default 400 in 1-D, 60 in 2-D). */
      readonly intervals?: number;
      /** Largest accepted |total − 1|. */
      readonly tolerance?: number;
    }
  | {
      /** A tensor grid of summed and integrated columns. */
      readonly method: 'grid';
      /** Each column's values or interval. */
      readonly columns: readonly GridColumn[];
      /** Keeps only the grid points where it holds. */
      readonly where?: (row: Float64Array) => boolean;
      /** Largest accepted |total − 1|. */
      readonly tolerance?: number;
    }
  | {
      /** Quadrature (p = 2, 3) or uniform draws (p ≥ 4) over the unit sphere. */
      readonly method: 'sphere';
      /** Initial panels per angle (default 64 for p = 2, 16 for p = 3). */
      readonly intervals?: number;
      /** Uniform draws for p ≥ 4 (default 200 000). */
      readonly draws?: number;
      /** Largest accepted |total − 1|. */
      readonly tolerance?: number;
    }
  | {
      /** Importance sampling, any dimension. */
      readonly method: 'monte-carlo';
      /** Number of draws (default 200 000). */
      readonly draws?: number;
      /** Largest accepted |total − 1|. */
      readonly tolerance?: number;
    };

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
  readonly invalidEntries?: readonly {
    /** The column (0-based) the value is put in. */
    readonly column: number;
    /** A value outside that column's support. */
    readonly value: number;
  }[];
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
  /** The parameter settings every check runs on. */
  readonly cases: readonly ConformanceCase[];
  /** Overrides of the default tolerances. */
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
  /** The case it runs on. */
  readonly caseName: string;
  /** Which property it checks. */
  readonly check: CheckName;
  /** The test title, a sentence stating the property. */
  readonly title: string;
  /** Throws an `Error` explaining the violation; returns normally when the check passes. */
  readonly run: () => void;
}
