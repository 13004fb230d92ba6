import {
  assertInteger,
  createMatrix,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomInput,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import { assertSampleCount, componentSizes } from './internal/componentSizes.js';
import { shuffleRows } from './internal/shuffleRows.js';
import { assertBox, uniformBox } from './internal/uniformBox.js';
import type { SyntheticDataset } from './syntheticDataset.js';

/** Options of `makeBlobs` (after scikit-learn's `make_blobs`). */
export interface MakeBlobsOptions {
  /** Total rows, split evenly (remainder to the first blobs), or one count per blob. Default 100. */
  readonly nSamples?: number | readonly number[];
  /** Columns, when the centers are drawn. Default 2. */
  readonly nFeatures?: number;
  /** Number of blobs (centers drawn uniformly in `centerBox`) or the k x d centers. Default 3. */
  readonly centers?: number | MatrixInput;
  /** Standard deviation of every coordinate: one for all blobs or one per blob. Default 1. */
  readonly clusterStd?: number | readonly number[];
  /** Box the drawn centers lie in, per coordinate. Default [-10, 10]. */
  readonly centerBox?: readonly [number, number];
  /** Shuffle the rows (otherwise they are grouped by blob). Default true. */
  readonly shuffle?: boolean;
  /** Seed or random source. Default seed 0. */
  readonly random?: RandomInput;
}

/** The true parameters of `makeBlobs` data. */
export interface BlobsParameters {
  /** k x d blob centers. */
  readonly centers: Matrix;
  /** Standard deviation of each blob (isotropic). */
  readonly clusterStd: Float64Array;
  /** Fraction of rows in each blob. */
  readonly weights: Float64Array;
}

/**
 * Isotropic Gaussian blobs: blob c has `sizes[c]` rows drawn from N(center_c, std_c^2 I).
 * Deterministic under a seed: centers are drawn first (row by row), then the blobs' rows in
 * blob order, then the shuffle. Returns the data, the blob of each row and the true parameters.
 */
export function makeBlobs(options: MakeBlobsOptions = {}): SyntheticDataset<BlobsParameters> {
  const random = toRandom(options.random);
  const nSamples = options.nSamples ?? 100;
  const centerOption = options.centers;
  const given =
    centerOption === undefined || typeof centerOption === 'number'
      ? undefined
      : toMatrix(centerOption, { argument: 'centers' });
  let sizes: Int32Array;
  if (typeof nSamples === 'number') {
    assertSampleCount(nSamples);
    const k = given?.rows ?? (centerOption as number | undefined) ?? 3;
    assertInteger(k, 'centers', 1);
    sizes = componentSizes(nSamples, new Float64Array(k).fill(1 / k));
  } else {
    for (let c = 0; c < nSamples.length; c++) assertInteger(nSamples[c], `nSamples[${c}]`, 0);
    sizes = Int32Array.from(nSamples);
  }
  const k = sizes.length;
  if (k === 0) throw new InvalidInputError({ argument: 'nSamples' }, 'expected at least one blob');
  const expectedCenters = given?.rows ?? (centerOption as number | undefined) ?? k;
  if (expectedCenters !== k) {
    throw new InvalidInputError(
      { argument: 'centers', value: expectedCenters },
      `expected ${k} centers (one per entry of nSamples)`,
    );
  }
  let centers: Matrix;
  if (given) {
    centers = createMatrix(k, given.cols, Float64Array.from(given.data));
  } else {
    const d = options.nFeatures ?? 2;
    assertInteger(d, 'nFeatures', 1);
    const box = options.centerBox ?? [-10, 10];
    assertBox(box, 'centerBox');
    centers = uniformBox(k, d, box, random);
  }
  const clusterStd = toStds(options.clusterStd ?? 1, k);
  const d = centers.cols;
  let n = 0;
  for (let c = 0; c < k; c++) n += sizes[c];
  if (n === 0) throw new InvalidInputError({ argument: 'nSamples', value: 0 }, 'expected rows');
  const X = createMatrix(n, d);
  const labels = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const std = clusterStd[c];
    for (let r = 0; r < sizes[c]; r++, row++) {
      labels[row] = c;
      for (let j = 0; j < d; j++) {
        X.data[row * d + j] = centers.data[c * d + j] + std * random.normal();
      }
    }
  }
  if (options.shuffle ?? true) shuffleRows(X, labels, random);
  const weights = new Float64Array(k);
  for (let c = 0; c < k; c++) weights[c] = sizes[c] / n;
  return { X, labels, parameters: { centers, clusterStd, weights } };
}

function toStds(value: number | readonly number[], k: number): Float64Array {
  const stds =
    typeof value === 'number' ? new Float64Array(k).fill(value) : Float64Array.from(value);
  if (stds.length !== k) {
    throw new InvalidInputError(
      { argument: 'clusterStd', value: stds.length },
      `expected one standard deviation per blob (${k})`,
    );
  }
  for (let c = 0; c < k; c++) {
    const s = stds[c];
    if (!Number.isFinite(s) || s < 0) {
      throw new InvalidInputError(
        { argument: 'clusterStd', row: c, value: s },
        'expected a finite std >= 0',
      );
    }
  }
  return stds;
}
