import { createMatrix, createRandom, type Matrix, type RandomSource } from '@mixkit/core';
import { vonMisesFisher, vonMisesFisherParams } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { KMeans, SphericalKMeans } from '@mixkit/kmeans';
import { adjustedRandIndex } from '@mixkit/metrics';
import { num, table, title } from './shared/format.js';
import { isMain } from './shared/isMain.js';
import { matchComponents } from './shared/matchComponents.js';

/** Dimension of the embedding-like vectors (a small sentence-embedding model's size). */
const DIMENSION = 384;
/** Topics: their share of the rows and how tightly their embeddings gather (vMF κ). */
const topics = [
  { name: 'sports', share: 0.3, concentration: 400 },
  { name: 'finance', share: 0.25, concentration: 250 },
  { name: 'cooking', share: 0.2, concentration: 600 },
  { name: 'travel', share: 0.15, concentration: 300 },
  { name: 'science', share: 0.1, concentration: 180 },
] as const;

export interface EmbeddingsResult {
  readonly rows: number;
  readonly kmeansAri: number;
  readonly sphericalAri: number;
  readonly mixtureAri: number;
  /** Fitted κ of each topic's matched component, in topic order. */
  readonly concentrations: readonly number[];
  readonly weights: readonly number[];
  readonly report: string;
}

/** A unit vector with standard normal coordinates, normalised. */
function randomDirection(p: number, random: RandomSource): Float64Array {
  const out = new Float64Array(p);
  let norm = 0;
  for (let j = 0; j < p; j++) {
    out[j] = random.normal();
    norm += out[j] * out[j];
  }
  for (let j = 0; j < p; j++) out[j] /= Math.sqrt(norm);
  return out;
}

/**
 * Embedding-like data: each topic is a von Mises–Fisher distribution on the unit sphere in 384
 * dimensions around a random direction; each row is a draw times a random length in [0.3, 3]
 * (raw embeddings are not normalised, and their length says little about their topic).
 */
function embeddings(n: number, random: RandomSource): { raw: Matrix; labels: Int32Array } {
  const family = vonMisesFisher();
  const p = DIMENSION;
  const data = new Float64Array(n * p);
  const labels = new Int32Array(n);
  let row = 0;
  topics.forEach((topic, c) => {
    const params = vonMisesFisherParams(randomDirection(p, random), topic.concentration);
    const count = c === topics.length - 1 ? n - row : Math.round(topic.share * n);
    family.sample(params, count, random, data, row);
    for (let i = row; i < row + count; i++) {
      labels[i] = c;
      const length = 0.3 + 2.7 * random.uniform();
      for (let j = 0; j < p; j++) data[i * p + j] *= length;
    }
    row += count;
  });
  return { raw: createMatrix(n, p, data), labels };
}

/** Rows divided by their norms. */
function normalised(X: Matrix): Matrix {
  const out = createMatrix(X.rows, X.cols);
  for (let i = 0; i < X.rows; i++) {
    let norm = 0;
    for (let j = 0; j < X.cols; j++) norm += X.data[i * X.cols + j] ** 2;
    for (let j = 0; j < X.cols; j++)
      out.data[i * X.cols + j] = X.data[i * X.cols + j] / Math.sqrt(norm);
  }
  return out;
}

/**
 * Clustering embedding-like vectors by direction: k-means on the raw vectors (Euclidean, so the
 * lengths get in the way), spherical k-means (cosine), and a von Mises–Fisher mixture seeded by
 * it, which also says how tight each topic is (κ) and how large (its weight).
 */
export function run(): EmbeddingsResult {
  const n = 2000;
  const k = topics.length;
  const { raw, labels } = embeddings(n, createRandom(384));
  const unit = normalised(raw);
  const kmeans = new KMeans({ nClusters: k, nInit: 3 }).fit(raw, { random: 0 });
  const spherical = new SphericalKMeans({ nClusters: k, nInit: 3 });
  const sphericalModel = spherical.fit(raw, { random: 0 });
  const mixture = fitMixture(unit, {
    family: vonMisesFisher(),
    nClusters: k,
    init: { kind: 'clusterer', clusterer: spherical },
    random: 0,
  });
  const mixtureLabels = mixture.predict(unit);
  const matched = matchComponents(labels, mixtureLabels, k);
  const fitted = matched.map((c) => {
    // Each component serialises its own parameters: read κ from the JSON form.
    const component = c < 0 ? undefined : mixture.components[c];
    const json = component?.family.paramsToJSON(component.params);
    return typeof json?.concentration === 'number' ? json.concentration : Number.NaN;
  });
  const weights = matched.map((component) =>
    component < 0 ? Number.NaN : (mixture.weights[component] ?? Number.NaN),
  );
  const kmeansAri = adjustedRandIndex(labels, kmeans.labels);
  const sphericalAri = adjustedRandIndex(labels, sphericalModel.labels);
  const mixtureAri = adjustedRandIndex(labels, mixtureLabels);
  const report = [
    title('Clustering embedding-like vectors by direction'),
    `${n} vectors in ${DIMENSION} dimensions from ${k} topics (von Mises–Fisher on the sphere, then`,
    'scaled by random lengths in [0.3, 3], as raw embeddings are). Scored against the topics by ARI.',
    '',
    table(
      ['method', 'ARI', 'iterations'],
      [
        ['k-means on the raw vectors (Euclidean)', num(kmeansAri), String(kmeans.iterations)],
        ['spherical k-means (cosine)', num(sphericalAri), String(sphericalModel.iterations)],
        [
          'von Mises–Fisher mixture, seeded by it',
          num(mixtureAri),
          String(mixture.diagnostics.iterations),
        ],
      ],
    ),
    '',
    'What the mixture learned per topic (true values in parentheses):',
    '',
    table(
      ['topic', 'weight', 'concentration κ'],
      topics.map((topic, c) => [
        topic.name,
        `${num(weights[c] ?? Number.NaN, 3)} (${topic.share})`,
        `${num(fitted[c] ?? Number.NaN, 3)} (${topic.concentration})`,
      ]),
    ),
    '',
    'Lengths split Euclidean k-means clusters; cosine ignores them. The mixture adds how tight',
    'each topic is (κ) and soft memberships (predictProba) for vectors between topics.',
  ].join('\n');
  return {
    rows: n,
    kmeansAri,
    sphericalAri,
    mixtureAri,
    concentrations: fitted,
    weights,
    report,
  };
}

if (isMain(import.meta.url)) console.log(run().report);
