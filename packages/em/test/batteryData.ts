import { createMatrix, type RandomSource } from '@mixkit/core';
import { type DataMaker, gaussianBlobs } from '@mixkit/core/testing';

// Data makers of the clusterer battery for families whose support is not the real plane: each
// draws k clusters (row i in cluster i mod k) that any correct mixture separates exactly
// ('separated') or that overlap enough for EM to take several iterations ('overlapping').

function poissonDraw(rate: number, random: RandomSource): number {
  // Knuth's product of uniforms for small rates, a rounded normal for large ones (test data).
  if (rate > 30) return Math.max(0, Math.round(rate + Math.sqrt(rate) * random.normal()));
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random.uniform();
  while (p > limit) {
    k++;
    p *= random.uniform();
  }
  return k;
}

/** A maker filling `cols` columns of row i (cluster c) with `value(c, j, separated, random)`. */
function maker(
  cols: number,
  value: (c: number, j: number, separated: boolean, random: RandomSource) => number,
): DataMaker {
  return ({ rows, nClusters, separation, random }) => {
    const X = createMatrix(rows, cols);
    const labels = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const c = i % nClusters;
      labels[i] = c;
      for (let j = 0; j < cols; j++) {
        X.data[i * cols + j] = value(c, j, separation === 'separated', random);
      }
    }
    return { X, labels };
  };
}

/** Counts with cluster rates 2, 40, 160, ... (separated) or 5, 8, 11, ... (overlapping). */
export const poissonData = maker(2, (c, _j, separated, random) =>
  poissonDraw(separated ? 2 * 20 ** c : 5 + 3 * c, random),
);

/** Positive values of mean 1, 50, 2500, ... (separated) or 1, 2, 3 (overlapping), 4 columns. */
export const exponentialData = maker(4, (c, _j, separated, random) => {
  const mean = separated ? 50 ** c : 1 + c;
  return -mean * Math.log(1 - random.uniform());
});

/** Gamma(shape 40) with means 1, 4, 16 (separated); shape 4, means 1, 1.6, 2.2 (overlapping). */
export const gammaData = maker(2, (c, _j, separated, random) => {
  const shape = separated ? 40 : 4;
  const mean = separated ? 4 ** c : 1 + 0.6 * c;
  // The sum of `shape` exponentials (shape is an integer here).
  let sum = 0;
  for (let t = 0; t < shape; t++) sum -= Math.log(1 - random.uniform());
  return (sum * mean) / shape;
});

/** exp of Gaussian blobs at half scale: log-normal clusters. */
export const logNormalData: DataMaker = (request) => {
  const { X, labels } = gaussianBlobs(request);
  return {
    X: createMatrix(
      X.rows,
      X.cols,
      X.data.map((v) => Math.exp(0.5 * v)),
    ),
    labels,
  };
};

/** 0/1 columns: cluster c is mostly 1 on columns 5c .. 5c + 4 (probability .97 or .75). */
export const bernoulliData = maker(15, (c, j, separated, random) => {
  const high = separated ? 0.97 : 0.75;
  return random.uniform() < (Math.floor(j / 5) === c ? high : 1 - high) ? 1 : 0;
});

/** Codes of 6 columns with 4 levels: cluster c takes level c with probability .95 or .55. */
export const categoricalData = maker(6, (c, _j, separated, random) => {
  const p = separated ? 0.95 : 0.55;
  if (random.uniform() < p) return c;
  return random.integer(4);
});

/** Count vectors of 24 trials over 6 categories, cluster c favouring categories 2c and 2c + 1. */
const zeros = maker(6, () => 0);
export const multinomialData: DataMaker = (request) => {
  const { X, labels } = zeros(request);
  const favoured = request.separation === 'separated' ? 0.45 : 0.25;
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i];
    for (let t = 0; t < 24; t++) {
      const u = request.random.uniform();
      const category =
        u < favoured ? 2 * c : u < 2 * favoured ? 2 * c + 1 : request.random.integer(6);
      X.data[i * 6 + category] += 1;
    }
  }
  return { X, labels };
};

/** Gaussian blobs in columns 0–1, a Poisson count in 2 and a 4-level code in 3. */
export const mixedData: DataMaker = (request) => {
  const blobs = gaussianBlobs(request);
  const counts = poissonData(request);
  const codes = categoricalData(request);
  const X = createMatrix(request.rows, 4);
  for (let i = 0; i < request.rows; i++) {
    X.data[4 * i] = blobs.X.data[2 * i];
    X.data[4 * i + 1] = blobs.X.data[2 * i + 1];
    X.data[4 * i + 2] = counts.X.data[2 * i];
    X.data[4 * i + 3] = codes.X.data[6 * i];
  }
  return { X, labels: blobs.labels };
};

/** Unit vectors in 3 columns: cluster c points along axis c (noise 0.1 or 0.8 per coordinate). */
export const unitDirections: DataMaker = ({ rows, nClusters, separation, random }) => {
  const X = createMatrix(rows, 3);
  const labels = new Int32Array(rows);
  const noise = separation === 'separated' ? 0.1 : 0.8;
  for (let i = 0; i < rows; i++) {
    const c = i % nClusters;
    labels[i] = c;
    let norm = 0;
    for (let j = 0; j < 3; j++) {
      const v = (j === c % 3 ? 1 : 0) + noise * random.normal();
      X.data[3 * i + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < 3; j++) X.data[3 * i + j] = X.data[3 * i + j] / Math.sqrt(norm);
  }
  return { X, labels };
};
