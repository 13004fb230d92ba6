import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIris } from '@mixkit/datasets';
import { bernoulli, gaussianFull } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { adjustedRandIndex } from '@mixkit/metrics';
import { describe, expect, it } from 'vitest';
import type { FitReport } from '../src/output/fitReport.js';
import {
  colours,
  freshDir,
  writeBagOfWordsCsv,
  writeBinaryCsv,
  writeIrisCsv,
  writeMixedCsv,
} from './helpers/fixtureFiles.js';
import { runInProcess } from './helpers/runInProcess.js';

function labelsFile(path: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return {
    header: (head ?? '').split(','),
    rows: lines.map((line) => line.split(',').map(Number)),
  };
}

describe('mixkit fit (Gaussian columns)', () => {
  it('writes the labels the library gives for the same options, and the model beside the input', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const run = await runInProcess(['fit', file, '--label', 'species', '--k', '3', '--seed', '4']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const iris = loadIris();
    const expected = fitMixture(iris.X, {
      family: gaussianFull(),
      nClusters: 3,
      random: 4,
    }).predict(iris.X);
    const { header, rows } = labelsFile(join(dir, 'iris.labels.csv'));
    expect(header).toEqual(['cluster']);
    expect(rows.map((r) => r[0])).toEqual(Array.from(expected));
    const model = JSON.parse(readFileSync(join(dir, 'iris.model.json'), 'utf8'));
    expect(model.kind).toBe('mixkit.cli-model');
    expect(model.columns.map((c: { name: string }) => c.name)).toEqual(iris.featureNames);
    expect(run.stdout).toContain('Mixture of 3 components, each gaussian-full');
    const ari = adjustedRandIndex(iris.labels!, expected);
    expect(run.stdout).toContain(`adjusted Rand index ${Number(ari.toPrecision(3))}`);
  });

  it('prints a JSON report with --json and the responsibilities with --proba', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const run = await runInProcess([
      'fit',
      file,
      '--ignore',
      'species',
      '--k',
      '2',
      '--proba',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as FitReport;
    expect(report.k).toBe(2);
    expect(report.columns).toHaveLength(4);
    expect(report.components.map((c) => c.size).reduce((a, b) => a + b)).toBe(150);
    expect(report.components.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 12);
    expect(report.bic).toBeCloseTo(
      2 * -report.logLikelihood! + report.nParameters! * Math.log(150),
      8,
    );
    const { header, rows } = labelsFile(join(dir, 'iris.labels.csv'));
    expect(header).toEqual(['cluster', 'p0', 'p1']);
    for (const [label, p0, p1] of rows) {
      expect(p0! + p1!).toBeCloseTo(1, 5);
      expect(label).toBe(p1! > p0! ? 1 : 0);
    }
  });

  it('fits a k x covariance grid, marks the lowest criterion and keeps that model', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const run = await runInProcess([
      'fit',
      file,
      '--label',
      'species',
      '--k',
      '1..4',
      '--covariance',
      'full,diag',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as FitReport;
    const rows = report.selection!.rows;
    expect(rows).toHaveLength(8);
    const best = rows.reduce((a, b) => (b.score < a.score ? b : a));
    expect(rows.filter((r) => r.chosen)).toEqual([best]);
    expect([report.k, report.covariance, report.bic]).toEqual([
      best.k,
      best.covariance,
      best.score,
    ]);
    const text = await runInProcess([
      'fit',
      file,
      '--label',
      'species',
      '--k',
      '1..4',
      '--covariance',
      'full,diag',
    ]);
    expect(text.stdout).toMatch(/Model selection by BIC/);
    expect(text.stdout.split('\n').filter((line) => line.startsWith('  * '))).toHaveLength(1);
  });

  it('selects by ICL or AIC when asked, keeping the lowest value', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    for (const criterion of ['icl', 'aic'] as const) {
      const run = await runInProcess([
        'fit',
        file,
        '--ignore',
        'species',
        '--k',
        '1..4',
        '--criterion',
        criterion,
        '--json',
      ]);
      const report = JSON.parse(run.stdout) as FitReport;
      expect(report.selection?.criterion).toBe(criterion);
      const scores = report.selection!.rows.map((row) => row.score);
      expect(report[criterion]).toBe(Math.min(...scores));
    }
  });

  it('runs k-means with --algo kmeans, giving the KMeans labels', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const run = await runInProcess([
      'fit',
      file,
      '--algo',
      'kmeans',
      '--label',
      'species',
      '--k',
      '3',
      '--n-init',
      '4',
      '--seed',
      '2',
    ]);
    expect(run.status).toBe(0);
    const iris = loadIris();
    const expected = new KMeans({ nClusters: 3, nInit: 4 }).fit(iris.X, { random: 2 }).labels;
    expect(labelsFile(join(dir, 'iris.labels.csv')).rows.map((r) => r[0])).toEqual(
      Array.from(expected),
    );
    expect(run.stdout).toMatch(/k-means with k = 3: inertia/);
  });
});

describe('mixkit fit (mixed column types)', () => {
  it('models Gaussian, Poisson and categorical columns with a product per component', async () => {
    const dir = freshDir();
    const { file, labels } = writeMixedCsv(dir);
    const run = await runInProcess([
      'fit',
      file,
      '--poisson',
      'visits',
      '--label',
      'truth',
      '--k',
      '3',
      '--n-init',
      '3',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as FitReport;
    expect(report.families).toEqual(['gaussian-full', 'poisson', 'categorical']);
    expect(report.columns.find((c) => c.name === 'colour')?.levels).toEqual([...colours].sort());
    const fitted = labelsFile(join(dir, 'mixed.labels.csv')).rows.map((r) => r[0]);
    expect(report.agreement?.ari).toBeCloseTo(adjustedRandIndex(labels, fitted), 12);
    expect(report.agreement!.ari).toBeGreaterThan(0.8);
    const text = await runInProcess([
      'fit',
      file,
      '--poisson',
      'visits',
      '--label',
      'truth',
      '--k',
      '3',
    ]);
    expect(text.stdout).toMatch(/visits \(Poisson rate\) +\d/);
    expect(text.stdout).toMatch(/colour = amber/);
  });

  it('predict labels new rows exactly as the fitted model does', async () => {
    const dir = freshDir();
    const { file } = writeMixedCsv(dir);
    expect(
      (await runInProcess(['fit', file, '--poisson', 'visits', '--ignore', 'truth'])).status,
    ).toBe(0);
    const fitted = readFileSync(join(dir, 'mixed.labels.csv'), 'utf8');
    const out = join(dir, 'again.csv');
    const run = await runInProcess([
      'predict',
      join(dir, 'mixed.model.json'),
      file,
      '--out',
      out,
      '--label',
      'truth',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(fitted);
    expect(run.stdout).toMatch(/400 rows labelled/);
    expect(run.stdout).toMatch(/adjusted Rand index/);
  });

  it('finds the model columns by name in a file whose columns are in another order', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    expect(
      (await runInProcess(['fit', file, '--ignore', 'species', '--k', '3', '--proba'])).status,
    ).toBe(0);
    const iris = loadIris();
    const reordered = [
      'species,petal width (cm),petal length (cm),sepal width (cm),sepal length (cm)',
    ];
    for (let i = 0; i < 150; i++) {
      const [a, b, c, d] = Array.from(iris.X.data.subarray(i * 4, i * 4 + 4));
      reordered.push(`x,${d},${c},${b},${a}`);
    }
    const other = join(dir, 'reordered.csv');
    writeFileSync(other, `${reordered.join('\n')}\n`);
    expect(
      (await runInProcess(['predict', join(dir, 'iris.model.json'), other, '--proba'])).status,
    ).toBe(0);
    expect(readFileSync(join(dir, 'reordered.labels.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'iris.labels.csv'), 'utf8'),
    );
  });

  it('fits a multinomial mixture to --counts columns given as a range of column numbers', async () => {
    const dir = freshDir();
    const { file, labels } = writeBagOfWordsCsv(dir);
    const run = await runInProcess([
      'fit',
      file,
      '--counts',
      '2..13',
      '--label',
      'topic',
      '--n-init',
      '3',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as FitReport;
    expect(report.families).toEqual(['multinomial']);
    expect(report.columns.map((c) => c.kind)).toEqual(new Array(12).fill('counts'));
    const fitted = labelsFile(join(dir, 'docs.labels.csv')).rows.map((r) => r[0]);
    expect(report.agreement!.ari).toBeCloseTo(adjustedRandIndex(labels, fitted), 12);
    expect(report.agreement!.ari).toBeGreaterThan(0.9);
  });

  it('fits independent Bernoullis to --bernoulli columns, as the library does', async () => {
    const dir = freshDir();
    const { file, X } = writeBinaryCsv(dir);
    const run = await runInProcess([
      'fit',
      file,
      '--bernoulli',
      '1..10',
      '--label',
      'truth',
      '--n-init',
      '3',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('each bernoulli');
    expect(run.stdout).toMatch(/b0 \(P of 1\) +0\.\d{3}/);
    const expected = fitMixture(X, { family: bernoulli(), nClusters: 3, nInit: 3, random: 0 });
    const fitted = labelsFile(join(dir, 'binary.labels.csv')).rows.map((r) => r[0]);
    expect(fitted).toEqual(Array.from(expected.predict(X)));
  });
});
