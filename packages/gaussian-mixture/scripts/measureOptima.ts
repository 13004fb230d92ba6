/**
 * The default-search study of issue 20: mixkit's best-of-10 GaussianMixture score (mean
 * log-likelihood) over seeds 0..6 for each case of src/__fixtures__/optima/sklearn-optima.json,
 * for the candidate searches named on the command line, next to scikit-learn's:
 *   node scripts/runTs.mjs scripts/measureOptima.ts [candidate ...] [--cases digits-full,...]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Matrix } from '@mixkit/core';
import { loadFaithful, loadIris, loadWine } from '@mixkit/datasets';
import { type CovarianceType, gaussianFamily } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { GaussianMixture } from '../src/gaussianMixture.js';

// runTs.mjs bundles this file elsewhere: resolve the fixtures from the script's own path.
const folder = new URL('../src/__fixtures__/optima/', pathToFileURL(resolve(process.argv[1])));
const reference = JSON.parse(readFileSync(new URL('sklearn-optima.json', folder), 'utf8')) as {
  cases: {
    dataset: string;
    covarianceType: CovarianceType;
    nComponents: number;
    scores: number[];
    median: number;
  }[];
};

function loadDigits(): Matrix {
  const lines = readFileSync(new URL('digits.csv', folder), 'utf8').trim().split('\n').slice(1);
  const cols = lines[0].split(',').length;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, i) => {
    const values = line.split(',');
    for (let j = 0; j < cols; j++) data[i * cols + j] = Number(values[j]);
  });
  return { rows: lines.length, cols, data };
}

const datasets: Record<string, () => Matrix> = {
  digits: loadDigits,
  iris: () => loadIris().X,
  faithful: () => loadFaithful().X,
  wine: () => loadWine().X,
};

/** A search: the fitted model's mean log-likelihood on X for a seed. */
type Candidate = (X: Matrix, k: number, type: CovarianceType, seed: number) => number;
const candidates: Record<string, Candidate> = {
  /** GaussianMixture's default (since this study: 'k-means++'). */
  default: (X, k, type, seed) =>
    new GaussianMixture({ nClusters: k, covarianceType: type, nInit: 10 })
      .fit(X, { random: seed })
      .score(X),
  /** The default before this study: one k-means++-seeded k-means run per start (scikit-learn's). */
  'k-means': (X, k, type, seed) =>
    new GaussianMixture({ nClusters: k, covarianceType: type, nInit: 10, init: 'k-means' })
      .fit(X, { random: seed })
      .score(X),
  'k-means++': (X, k, type, seed) =>
    new GaussianMixture({ nClusters: k, covarianceType: type, nInit: 10, init: 'k-means++' })
      .fit(X, { random: seed })
      .score(X),
  'random-from-data': (X, k, type, seed) =>
    new GaussianMixture({ nClusters: k, covarianceType: type, nInit: 10, init: 'random-from-data' })
      .fit(X, { random: seed })
      .score(X),
  'kmeans-restarts-3': withKmeansRestarts(3),
  'kmeans-restarts-5': withKmeansRestarts(5),
};

/** Each of the 10 starts from the best of `restarts` k-means runs (mixkit's default runs one). */
function withKmeansRestarts(restarts: number): Candidate {
  return (X, k, type, seed) =>
    fitMixture(X, {
      family: gaussianFamily(type),
      nClusters: k,
      nInit: 10,
      init: { kind: 'clusterer', clusterer: new KMeans({ nClusters: k, nInit: restarts }) },
      random: seed,
    }).score(X);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const args = process.argv.slice(2);
const casesFlag = args.indexOf('--cases');
const only = casesFlag >= 0 ? args[casesFlag + 1].split(',') : undefined;
const names = args.filter((a, i) => !a.startsWith('--') && (casesFlag < 0 || i !== casesFlag + 1));
for (const testCase of reference.cases) {
  const id = `${testCase.dataset}-${testCase.covarianceType}`;
  if (only !== undefined && !only.includes(id)) continue;
  const X = datasets[testCase.dataset]();
  for (const name of names.length > 0 ? names : ['default']) {
    const scores: number[] = [];
    const start = performance.now();
    for (let seed = 0; seed < 7; seed++) {
      scores.push(candidates[name](X, testCase.nComponents, testCase.covarianceType, seed));
    }
    const seconds = (performance.now() - start) / 1000 / 7;
    console.log(
      `${id} ${name}: median ${median(scores).toFixed(3)} (scikit-learn ${testCase.median.toFixed(3)}) ` +
        `scores ${scores.map((s) => s.toFixed(3)).join(' ')} | ${seconds.toFixed(2)} s/fit`,
    );
  }
}
