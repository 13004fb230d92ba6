import type { Matrix, MatrixInput } from '@mixkit/core';

/** The family of a `makeMixedTypes` column. */
export type MixedColumnType = 'gaussian' | 'poisson' | 'categorical' | 'gamma' | 'bernoulli';

/**
 * A column of `makeMixedTypes`, with optional true parameters: one entry per component
 * (drawn from the seed when absent, within the stated ranges).
 */
export type MixedColumn =
  | {
      /** The column's family. */
      readonly type: 'gaussian';
      /** Means. Default: uniform in [-5, 5]. */
      readonly means?: readonly number[];
      /** Standard deviations (> 0). Default: uniform in [0.5, 1.5]. */
      readonly stds?: readonly number[];
    }
  | {
      /** The column's family. */
      readonly type: 'poisson';
      /** Rates (> 0). Default: log-uniform in [1, 30]. */
      readonly rates?: readonly number[];
    }
  | {
      /** The column's family. */
      readonly type: 'categorical';
      /** Number of levels L (>= 2); values are the codes 0..L-1. */
      readonly levels: number;
      /** k x L level probabilities, rows summing to 1. Default: Dirichlet(1, ..., 1) rows. */
      readonly probabilities?: MatrixInput;
    }
  | {
      /** The column's family. */
      readonly type: 'gamma';
      /** Shapes (> 0). Default: uniform in [1, 10]. */
      readonly shapes?: readonly number[];
      /** Rates (> 0). Default: uniform in [0.5, 2]. */
      readonly rates?: readonly number[];
    }
  | {
      /** The column's family. */
      readonly type: 'bernoulli';
      /** Probabilities of a 1, in [0, 1]. Default: Beta(0.5, 0.5). */
      readonly probabilities?: readonly number[];
    };

/** The true parameters of one column for every component (entry c is component c). */
export type MixedColumnParameters =
  | {
      /** The column's family. */
      readonly type: 'gaussian';
      /** Each component's mean. */
      readonly means: Float64Array;
      /** Each component's standard deviation. */
      readonly stds: Float64Array;
    }
  | {
      /** The column's family. */
      readonly type: 'poisson';
      /** Each component's rate. */
      readonly rates: Float64Array;
    }
  | {
      /** The column's family. */
      readonly type: 'categorical';
      /** Number of levels L; values are the codes 0..L-1. */
      readonly levels: number;
      /** k x L level probabilities, one row per component. */
      readonly probabilities: Matrix;
    }
  | {
      /** The column's family. */
      readonly type: 'gamma';
      /** Each component's shape. */
      readonly shapes: Float64Array;
      /** Each component's rate. */
      readonly rates: Float64Array;
    }
  | {
      /** The column's family. */
      readonly type: 'bernoulli';
      /** Each component's probability of a 1. */
      readonly probabilities: Float64Array;
    };
