import type { Matrix } from '@mixkit/core';

/**
 * How a strategy says where each component starts, before the initial M-step.
 * - `fill`: writes rows `[start, end)` of the initial responsibilities into `block`
 *   (`(end - start) x k`, row-major). Rows sum to 1, or are all 0 to leave a row out.
 *   Called once per block in ascending row order, so a random fill is independent of the
 *   block size.
 * - `seeds`: component c starts from row c of `seeds` alone (a k x d matrix of data rows).
 */
export type InitialAssignment =
  | {
      readonly kind: 'fill';
      readonly fill: (block: Float64Array, start: number, end: number) => void;
    }
  | { readonly kind: 'seeds'; readonly seeds: Matrix };
