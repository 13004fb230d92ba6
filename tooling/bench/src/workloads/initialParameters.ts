import { createRandom } from '@mixkit/core';
import { columnCovariance, inverseSpd } from '../reference/smallLinalg.js';

/** Initial Gaussian-mixture parameters for one covariance type, as JSON-ready nested arrays. */
export interface GaussianInit {
  /** k x d x d (full) or k x d (diag) covariances. */
  readonly covariances: number[][] | number[][][];
  /** Their inverses (what scikit-learn's `precisions_init` takes). */
  readonly precisions: number[][] | number[][][];
}

/**
 * The starting point every contender is given, written once next to the data
 * (`<workload>.init.json`): k-means centers, and mixture weights/means/covariances.
 */
export interface InitialParameters {
  /** k distinct data rows, drawn with the workload's seed + 1. */
  readonly centers: number[][];
  /** Uniform mixture weights. */
  readonly weights: number[];
  /** The mixture means (the same rows as `centers`). */
  readonly means: number[][];
  /** Every component starts with the covariance of the whole data set (plus regCovar). */
  readonly full: GaussianInit;
  readonly diag: GaussianInit;
}

/**
 * k distinct rows as centers and a broad mixture start. JSON numbers round-trip float64 exactly
 * (JS prints the shortest representation, Python parses it back), so both sides read identical
 * bits.
 */
export function makeInitialParameters(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  seed: number,
): InitialParameters {
  const random = createRandom(seed + 1);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, n)) chosen.add(random.integer(n));
  const centers = [...chosen].map((i) => Array.from(data.subarray(i * d, (i + 1) * d)));
  const { covariance } = columnCovariance(data, n, d);
  const precision = inverseSpd(covariance, d);
  const square = (m: Float64Array) =>
    Array.from({ length: d }, (_, r) => Array.from(m.subarray(r * d, (r + 1) * d)));
  const variances = Array.from({ length: d }, (_, c) => covariance[c * d + c]);
  return {
    centers,
    weights: Array.from({ length: k }, () => 1 / k),
    means: centers,
    full: {
      covariances: centers.map(() => square(covariance)),
      precisions: centers.map(() => square(precision)),
    },
    diag: {
      covariances: centers.map(() => variances.slice()),
      precisions: centers.map(() => variances.map((v) => 1 / v)),
    },
  };
}
