import type { Matrix, MatrixInput } from '@mixkit/core';

/** The family of a `makeMixedTypes` column. */
export type MixedColumnType = 'gaussian' | 'poisson' | 'categorical' | 'gamma' | 'bernoulli';

/**
 * A column of `makeMixedTypes`, with optional true parameters: one entry per component
 * (drawn from the seed when absent, within the stated ranges).
 */
export type MixedColumn =
  | {
      readonly type: 'gaussian';
      /** Means. Default: uniform in [-5, 5]. */
      readonly means?: readonly number[];
      /** Standard deviations (> 0). Default: uniform in [0.5, 1.5]. */
      readonly stds?: readonly number[];
    }
  | {
      readonly type: 'poisson';
      /** Rates (> 0). Default: log-uniform in [1, 30]. */
      readonly rates?: readonly number[];
    }
  | {
      readonly type: 'categorical';
      /** Number of levels L (>= 2); values are the codes 0..L-1. */
      readonly levels: number;
      /** k x L level probabilities, rows summing to 1. Default: Dirichlet(1, ..., 1) rows. */
      readonly probabilities?: MatrixInput;
    }
  | {
      readonly type: 'gamma';
      /** Shapes (> 0). Default: uniform in [1, 10]. */
      readonly shapes?: readonly number[];
      /** Rates (> 0). Default: uniform in [0.5, 2]. */
      readonly rates?: readonly number[];
    }
  | {
      readonly type: 'bernoulli';
      /** Probabilities of a 1, in [0, 1]. Default: Beta(0.5, 0.5). */
      readonly probabilities?: readonly number[];
    };

/** The true parameters of one column for every component (entry c is component c). */
export type MixedColumnParameters =
  | { readonly type: 'gaussian'; readonly means: Float64Array; readonly stds: Float64Array }
  | { readonly type: 'poisson'; readonly rates: Float64Array }
  | { readonly type: 'categorical'; readonly levels: number; readonly probabilities: Matrix }
  | { readonly type: 'gamma'; readonly shapes: Float64Array; readonly rates: Float64Array }
  | { readonly type: 'bernoulli'; readonly probabilities: Float64Array };
