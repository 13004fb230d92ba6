import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Matrix } from '@mixkit/core';
import {
  loadIris,
  makeBagOfWords,
  makeBernoulliMixture,
  makeBlobs,
  makeMixedTypes,
} from '@mixkit/datasets';

/** A fresh empty folder for one test's input and output files. */
export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'mixkit-cli-'));
}

/** Iris as a CSV with a text `species` column; returns the file path. */
export function writeIrisCsv(dir: string, delimiter = ',', name = 'iris.csv'): string {
  const iris = loadIris();
  const lines = [[...iris.featureNames, 'species'].join(delimiter)];
  for (let i = 0; i < iris.X.rows; i++) {
    const row = Array.from(iris.X.data.subarray(i * 4, i * 4 + 4), String);
    row.push(iris.targetNames?.[iris.labels?.[i] ?? 0] ?? '');
    lines.push(row.join(delimiter));
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Level names of the mixed table's categorical column (codes 0..3 become these words). */
export const colours = ['red', 'green', 'blue', 'amber'];

/**
 * A mixed-type table from `makeMixedTypes` (two Gaussian columns, a Poisson count column, a
 * 4-level categorical column written as words) plus its true component in `truth`.
 */
export function writeMixedCsv(
  dir: string,
  name = 'mixed.csv',
): { file: string; labels: Int32Array } {
  const data = makeMixedTypes({ nSamples: 400, random: 11 });
  const lines = ['height,weight,visits,colour,truth'];
  for (let i = 0; i < data.X.rows; i++) {
    const [a, b, count, code] = Array.from(data.X.data.subarray(i * 4, i * 4 + 4));
    lines.push(`${a},${b},${count},${colours[code ?? 0]},${data.labels[i]}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, labels: data.labels };
}

/** A bag-of-words table: a `topic` column, then 12 word-count columns. */
export function writeBagOfWordsCsv(
  dir: string,
  name = 'docs.csv',
): { file: string; labels: Int32Array } {
  const corpus = makeBagOfWords({
    nDocuments: 200,
    nTopics: 3,
    vocabularySize: 12,
    documentLength: 40,
    random: 5,
  });
  const words = Array.from({ length: corpus.X.cols }, (_, j) => `word${j}`);
  const lines = [['topic', ...words].join(',')];
  for (let i = 0; i < corpus.X.rows; i++) {
    const counts = Array.from(corpus.X.data.subarray(i * corpus.X.cols, (i + 1) * corpus.X.cols));
    lines.push([`t${corpus.labels[i]}`, ...counts].join(','));
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, labels: corpus.labels };
}

/** Binary vectors from a Bernoulli mixture: 10 columns of 0/1 and a `truth` column. */
export function writeBinaryCsv(
  dir: string,
  name = 'binary.csv',
): { file: string; labels: Int32Array; X: Matrix } {
  const data = makeBernoulliMixture({ nSamples: 300, nClusters: 3, nFeatures: 10, random: 8 });
  const lines = [[...Array.from({ length: 10 }, (_, j) => `b${j}`), 'truth'].join(',')];
  for (let i = 0; i < data.X.rows; i++) {
    lines.push(
      [...Array.from(data.X.data.subarray(i * 10, i * 10 + 10)), data.labels[i]].join(','),
    );
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, labels: data.labels, X: data.X };
}

/**
 * Three round 2-d blobs (60 rows each, standard deviation 0.4) plus 20 rows scattered uniformly
 * over [-12, 12]², shuffled by `makeBlobs`'s seed; columns x, y and `truth` (the blob, or -1 for
 * a scattered row). Numbers are written in JavaScript's shortest round-trip form, so the CLI
 * reads back exactly the matrix returned here.
 */
export function writeNoisyBlobsCsv(
  dir: string,
  name = 'blobs.csv',
): { file: string; X: Matrix; truth: Int32Array } {
  const blobs = makeBlobs({
    nSamples: 180,
    centers: [
      [-5, -5],
      [0, 5],
      [6, -2],
    ],
    clusterStd: 0.4,
    random: 21,
  });
  const random = createRandom(22);
  const n = blobs.X.rows + 20;
  const data = new Float64Array(n * 2);
  data.set(blobs.X.data);
  for (let i = blobs.X.rows * 2; i < n * 2; i++) data[i] = -12 + 24 * random.uniform();
  const truth = new Int32Array(n).fill(-1);
  truth.set(blobs.labels);
  const lines = ['x,y,truth'];
  for (let i = 0; i < n; i++) lines.push(`${data[2 * i]},${data[2 * i + 1]},${truth[i]}`);
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, X: { rows: n, cols: 2, data }, truth };
}
