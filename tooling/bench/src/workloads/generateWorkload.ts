import { createRandom, type RandomSource } from '@mixkit/core';
import type { WorkloadSpec } from './workloadSpecs.js';

/** Generated data: row-major float64 plus the generating labels (for sanity checks only). */
export interface GeneratedData {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly labels: Int32Array;
}

/** Number of categories of the mixed workload's categorical column. */
export const MIXED_CATEGORIES = 4;

/** Draws a component index from cumulative weights. */
function pick(cumulative: Float64Array, random: RandomSource): number {
  const u = random.uniform();
  let j = 0;
  while (j < cumulative.length - 1 && u >= cumulative[j]) j++;
  return j;
}

function mixingWeights(k: number, random: RandomSource): Float64Array {
  const cumulative = new Float64Array(k);
  let total = 0;
  for (let j = 0; j < k; j++) {
    total += 0.5 + random.uniform();
    cumulative[j] = total;
  }
  for (let j = 0; j < k; j++) cumulative[j] /= total;
  cumulative[k - 1] = 1;
  return cumulative;
}

/** Isotropic blobs: centers uniform in [-8, 8]^d, unit-ish spread (1.5), equal weights. */
function blobs(n: number, d: number, k: number, random: RandomSource): GeneratedData {
  const centers = new Float64Array(k * d);
  for (let i = 0; i < centers.length; i++) centers[i] = 16 * random.uniform() - 8;
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = random.integer(k);
    labels[i] = j;
    for (let c = 0; c < d; c++) data[i * d + c] = centers[j * d + c] + 1.5 * random.normal();
  }
  return { rows: n, cols: d, data, labels };
}

/**
 * Blobs with background noise, for the density and hierarchical suites: 90% of rows from k unit
 * Gaussians with centers uniform in [-8, 8]^d, 10% uniform in [-12, 12]^d (label -1).
 */
function noisyBlobs(n: number, d: number, k: number, random: RandomSource): GeneratedData {
  const centers = new Float64Array(k * d);
  for (let i = 0; i < centers.length; i++) centers[i] = 16 * random.uniform() - 8;
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (random.uniform() < 0.1) {
      labels[i] = -1;
      for (let c = 0; c < d; c++) data[i * d + c] = 24 * random.uniform() - 12;
      continue;
    }
    const j = random.integer(k);
    labels[i] = j;
    for (let c = 0; c < d; c++) data[i * d + c] = centers[j * d + c] + random.normal();
  }
  return { rows: n, cols: d, data, labels };
}

/**
 * Anisotropic Gaussian mixture with random full covariances: component j has covariance A Aᵀ with
 * A lower triangular (diagonal in [0.5, 2], off-diagonal N(0, 0.5²)), so it is positive definite
 * by construction; means uniform in [-6, 6]^d; unequal weights.
 */
function gaussianMixture(n: number, d: number, k: number, random: RandomSource): GeneratedData {
  const cumulative = mixingWeights(k, random);
  const means = new Float64Array(k * d);
  for (let i = 0; i < means.length; i++) means[i] = 12 * random.uniform() - 6;
  const factors = new Float64Array(k * d * d);
  for (let j = 0; j < k; j++) {
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < r; c++) factors[j * d * d + r * d + c] = 0.5 * random.normal();
      factors[j * d * d + r * d + r] = 0.5 + 1.5 * random.uniform();
    }
  }
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const j = pick(cumulative, random);
    labels[i] = j;
    for (let c = 0; c < d; c++) z[c] = random.normal();
    const a = j * d * d;
    for (let r = 0; r < d; r++) {
      let s = means[j * d + r];
      for (let c = 0; c <= r; c++) s += factors[a + r * d + c] * z[c];
      data[i * d + r] = s;
    }
  }
  return { rows: n, cols: d, data, labels };
}

/**
 * Overlapping clusters of unequal sizes and spreads, the shapes where triangle-inequality bounds
 * prune little: means N(0, 1) per column (so neighbouring clusters overlap at every d), sizes
 * log-normal (weights ∝ e^{1.5 z}: for k = 16 the largest cluster is typically 30 to 100 times
 * the smallest), spreads σ_j uniform in [0.5, 2], and each cluster anisotropic:
 * x = μ_j + σ_j L_j z with L_j lower triangular (diagonal uniform in [0.5, 1.5], entries below it
 * N(0, 0.3²/d)).
 */
function overlapping(n: number, d: number, k: number, random: RandomSource): GeneratedData {
  const means = new Float64Array(k * d);
  for (let i = 0; i < means.length; i++) means[i] = random.normal();
  const cumulative = new Float64Array(k);
  let total = 0;
  for (let j = 0; j < k; j++) {
    total += Math.exp(1.5 * random.normal());
    cumulative[j] = total;
  }
  for (let j = 0; j < k; j++) cumulative[j] /= total;
  cumulative[k - 1] = 1;
  const spreads = Float64Array.from({ length: k }, () => 0.5 + 1.5 * random.uniform());
  const factors = new Float64Array(k * d * d);
  const offDiagonal = 0.3 / Math.sqrt(d);
  for (let j = 0; j < k; j++) {
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < r; c++) factors[j * d * d + r * d + c] = offDiagonal * random.normal();
      factors[j * d * d + r * d + r] = 0.5 + random.uniform();
    }
  }
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const j = pick(cumulative, random);
    labels[i] = j;
    for (let c = 0; c < d; c++) z[c] = random.normal();
    const a = j * d * d;
    const spread = spreads[j];
    for (let r = 0; r < d; r++) {
      let s = 0;
      for (let c = 0; c <= r; c++) s += factors[a + r * d + c] * z[c];
      data[i * d + r] = means[j * d + r] + spread * s;
    }
  }
  return { rows: n, cols: d, data, labels };
}

/** Knuth's multiplication method; fine for the small rates used here (λ ≤ 12). */
function poisson(rate: number, random: RandomSource): number {
  const limit = Math.exp(-rate);
  let product = random.uniform();
  let count = 0;
  while (product > limit) {
    product *= random.uniform();
    count++;
  }
  return count;
}

/**
 * Mixed types, columns [gaussian, gaussian, poisson, poisson, categorical]: per component, two
 * independent Gaussians (means in [-5, 5], sd in [0.5, 2]), two Poisson counts (rates in [0.5, 12])
 * and one categorical code in 0..3 with random probabilities.
 */
function mixedTypes(n: number, d: number, k: number, random: RandomSource): GeneratedData {
  if (d !== 5) throw new RangeError('the mixed workload has exactly 5 columns');
  const cumulative = mixingWeights(k, random);
  const gaussian = new Float64Array(k * 4);
  const rates = new Float64Array(k * 2);
  const categories = new Float64Array(k * MIXED_CATEGORIES);
  for (let j = 0; j < k; j++) {
    for (let c = 0; c < 2; c++) {
      gaussian[j * 4 + 2 * c] = 10 * random.uniform() - 5;
      gaussian[j * 4 + 2 * c + 1] = 0.5 + 1.5 * random.uniform();
      rates[j * 2 + c] = 0.5 + 11.5 * random.uniform();
    }
    const probabilities = mixingWeights(MIXED_CATEGORIES, random);
    categories.set(probabilities, j * MIXED_CATEGORIES);
  }
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = pick(cumulative, random);
    labels[i] = j;
    const row = i * d;
    for (let c = 0; c < 2; c++) {
      data[row + c] = gaussian[j * 4 + 2 * c] + gaussian[j * 4 + 2 * c + 1] * random.normal();
      data[row + 2 + c] = poisson(rates[j * 2 + c], random);
    }
    data[row + 4] = pick(
      categories.subarray(j * MIXED_CATEGORIES, (j + 1) * MIXED_CATEGORIES),
      random,
    );
  }
  return { rows: n, cols: d, data, labels };
}

/**
 * Directions: k random unit directions in d dimensions (unequal weights); each row is its
 * direction plus N(0, 0.08²) per coordinate, normalised to unit length, so the clusters are
 * von Mises–Fisher-like caps (mean cosine to their direction about 0.6 at d = 128).
 */
function directions(n: number, d: number, k: number, random: RandomSource): GeneratedData {
  const cumulative = mixingWeights(k, random);
  const centres = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let c = 0; c < d; c++) {
      centres[j * d + c] = random.normal();
      norm += centres[j * d + c] ** 2;
    }
    for (let c = 0; c < d; c++) centres[j * d + c] /= Math.sqrt(norm);
  }
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = pick(cumulative, random);
    labels[i] = j;
    let norm = 0;
    for (let c = 0; c < d; c++) {
      const value = centres[j * d + c] + 0.08 * random.normal();
      data[i * d + c] = value;
      norm += value * value;
    }
    for (let c = 0; c < d; c++) data[i * d + c] /= Math.sqrt(norm);
  }
  return { rows: n, cols: d, data, labels };
}

/** The workload's data for `rows` rows; the same seed and size always give the same bytes. */
export function generateWorkload(spec: WorkloadSpec, rows: number): GeneratedData {
  const random = createRandom(spec.seed);
  switch (spec.kind) {
    case 'blobs':
      return blobs(rows, spec.cols, spec.k, random);
    case 'gmm':
      return gaussianMixture(rows, spec.cols, spec.k, random);
    case 'mixed':
      return mixedTypes(rows, spec.cols, spec.k, random);
    case 'noisy-blobs':
      return noisyBlobs(rows, spec.cols, spec.k, random);
    case 'directions':
      return directions(rows, spec.cols, spec.k, random);
    case 'overlap':
      return overlapping(rows, spec.cols, spec.k, random);
  }
}
