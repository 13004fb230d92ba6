import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOISE } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import { Dbscan, Hdbscan, Optics } from '@mixkit/density';
import { gaussianModel } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { BayesianGaussianMixture, mclust } from '@mixkit/gaussian-mixture';
import { AgglomerativeClustering } from '@mixkit/hierarchical';
import { describe, expect, it } from 'vitest';
import type { FitReport } from '../src/output/fitReport.js';
import { freshDir, writeIrisCsv, writeNoisyBlobsCsv } from './helpers/fixtureFiles.js';
import { runInProcess } from './helpers/runInProcess.js';

/** The labels file as columns of numbers (`Inf` reads as Infinity). */
function labelsFile(path: string): { header: string[]; columns: number[][] } {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const header = (head ?? '').split(',');
  const columns = header.map(() => [] as number[]);
  for (const line of lines) {
    line.split(',').forEach((cell, j) => {
      columns[j]?.push(cell === 'Inf' ? Number.POSITIVE_INFINITY : Number(cell));
    });
  }
  return { header, columns };
}

async function fit(args: readonly string[]): Promise<FitReport> {
  const run = await runInProcess(['fit', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as FitReport;
}

describe('density clusterers from the command line give the library labels', () => {
  const dir = freshDir();
  const { file, X } = writeNoisyBlobsCsv(dir);
  const labelsPath = join(dir, 'blobs.labels.csv');

  it('DBSCAN: labels (noise -1), core samples with --scores, the noise count, predict', async () => {
    const library = new Dbscan({ eps: 0.6, minPts: 6 }).fit(X);
    const report = await fit([
      file,
      '--ignore',
      'truth',
      '--algo',
      'dbscan',
      '--eps',
      '0.6',
      '--min-pts',
      '6',
      '--scores',
    ]);
    const { header, columns } = labelsFile(labelsPath);
    expect(header).toEqual(['cluster', 'core']);
    expect(columns[0]).toEqual(Array.from(library.labels));
    const core = new Set(library.coreSampleIndices);
    expect(columns[1]).toEqual(Array.from(library.labels, (_, i) => (core.has(i) ? 1 : 0)));
    expect(library.labels.includes(NOISE)).toBe(true);
    expect(report.noise).toBe(library.labels.filter((l) => l === NOISE).length);
    expect(report.k).toBe(library.nClusters);
    expect(report.details).toMatchObject({
      kind: 'dbscan',
      eps: 0.6,
      minPts: 6,
      coreSamples: core.size,
    });
    const predict = await runInProcess([
      'predict',
      join(dir, 'blobs.model.json'),
      file,
      '--out',
      join(dir, 'p.csv'),
    ]);
    expect(predict.status).toBe(0);
    expect(predict.stdout).toContain('nearest core sample within eps = 0.6, else -1 (noise)');
    expect(labelsFile(join(dir, 'p.csv')).columns[0]).toEqual(Array.from(library.predict(X)));
  });

  it('OPTICS: labels of the extraction, the ordering and reachability with --scores', async () => {
    const library = new Optics({ minPts: 6, epsCluster: 0.8 }).fit(X);
    const report = await fit([
      file,
      '--ignore',
      'truth',
      '--algo',
      'optics',
      '--eps-cluster',
      '0.8',
      '--min-pts',
      '6',
      '--scores',
    ]);
    const { header, columns } = labelsFile(labelsPath);
    expect(header).toEqual(['cluster', 'reachability', 'core_distance', 'order']);
    expect(columns[0]).toEqual(Array.from(library.labels));
    const position = new Array<number>(X.rows);
    library.order.forEach((row, t) => {
      position[row] = t;
    });
    expect(columns[3]).toEqual(position);
    columns[1]?.forEach((r, i) => {
      const expected = library.reachability[i] ?? Number.NaN;
      if (Number.isFinite(expected)) expect(r).toBeCloseTo(expected, 5);
      else expect(r).toBe(Number.POSITIVE_INFINITY);
    });
    expect(report.details).toMatchObject({ kind: 'optics', epsCluster: 0.8, eps: null });
    const predict = await runInProcess([
      'predict',
      join(dir, 'blobs.model.json'),
      file,
      '--out',
      join(dir, 'p.csv'),
    ]);
    expect(predict.stdout).toContain('nearest clustered training row within eps-cluster = 0.8');
    expect(labelsFile(join(dir, 'p.csv')).columns[0]).toEqual(Array.from(library.predict(X)));
  });

  it('HDBSCAN: labels, probabilities and outlier scores with --scores, leaf selection, predict', async () => {
    for (const selection of ['eom', 'leaf'] as const) {
      const library = new Hdbscan({ minPts: 8, clusterSelection: selection }).fit(X);
      const report = await fit([
        file,
        '--ignore',
        'truth',
        '--algo',
        'hdbscan',
        '--min-pts',
        '8',
        '--cluster-selection',
        selection,
        '--scores',
      ]);
      const { header, columns } = labelsFile(labelsPath);
      expect(header).toEqual(['cluster', 'probability', 'outlier_score']);
      expect(columns[0]).toEqual(Array.from(library.labels));
      for (let i = 0; i < X.rows; i++) {
        expect(columns[1]?.[i]).toBeCloseTo(library.probabilities[i] ?? Number.NaN, 5);
        expect(columns[2]?.[i]).toBeCloseTo(library.outlierScores[i] ?? Number.NaN, 5);
      }
      expect(report.k).toBe(library.nClusters);
      expect(report.details).toMatchObject({ kind: 'hdbscan', clusterSelection: selection });
      const predict = await runInProcess([
        'predict',
        join(dir, 'blobs.model.json'),
        file,
        '--out',
        join(dir, 'p.csv'),
      ]);
      expect(predict.stdout).toContain("within that row's core distance, else -1 (noise)");
      expect(labelsFile(join(dir, 'p.csv')).columns[0]).toEqual(Array.from(library.predict(X)));
    }
  });
});

describe('agglomerative clustering from the command line', () => {
  it('cuts at --k or at --height as the library does, reports the last merges, predicts by the nearest row', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const iris = loadIris();
    for (const linkage of ['ward', 'complete', 'average', 'single'] as const) {
      const library = new AgglomerativeClustering({ linkage, nClusters: 3 }).fit(iris.X);
      const report = await fit([
        file,
        '--ignore',
        'species',
        '--algo',
        'agglomerative',
        '--linkage',
        linkage,
      ]);
      expect(labelsFile(join(dir, 'iris.labels.csv')).columns[0]).toEqual(
        Array.from(library.labels),
      );
      const heights = Array.from(library.heights).reverse().slice(0, 10);
      expect(report.details).toEqual({
        kind: 'agglomerative',
        linkage,
        metric: 'euclidean',
        cut: { k: 3 },
        lastMerges: heights,
      });
    }
    const byHeight = new AgglomerativeClustering({
      linkage: 'average',
      distanceThreshold: 1.5,
      metric: 'manhattan',
    }).fit(iris.X);
    const report = await fit([
      file,
      '--ignore',
      'species',
      '--algo',
      'agglomerative',
      '--linkage',
      'average',
      '--height',
      '1.5',
      '--metric',
      'manhattan',
    ]);
    expect(report.k).toBe(byHeight.nClusters);
    expect(labelsFile(join(dir, 'iris.labels.csv')).columns[0]).toEqual(
      Array.from(byHeight.labels),
    );
    // Each cluster's mean row, from the labelling pass.
    const first = report.components[0]?.params as number[];
    const members = Array.from(byHeight.labels.keys()).filter((i) => byHeight.labels[i] === 0);
    expect(first[0]).toBeCloseTo(
      members.reduce((s, i) => s + (iris.X.data[i * 4] ?? 0), 0) / members.length,
      12,
    );
    const shifted = iris.X.data.map((v) => v + 0.01);
    writeFileSync(
      join(dir, 'shifted.csv'),
      `${iris.featureNames.join(',')}\n${Array.from({ length: 150 }, (_, i) => Array.from(shifted.subarray(i * 4, i * 4 + 4)).join(',')).join('\n')}\n`,
    );
    const predict = await runInProcess([
      'predict',
      join(dir, 'iris.model.json'),
      join(dir, 'shifted.csv'),
    ]);
    expect(predict.stdout).toContain(
      'agglomerative clustering has no rule of its own for new rows',
    );
    expect(labelsFile(join(dir, 'shifted.labels.csv')).columns[0]).toEqual(
      Array.from(byHeight.predict({ rows: 150, cols: 4, data: shifted })),
    );
  });
});

describe('mixtures beyond the grid', () => {
  it('--algo bayes: the library fit for the same seed, unused components reported, --prune keeps the rest', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const X = loadIris().X;
    const library = new BayesianGaussianMixture({
      nClusters: 8,
      covarianceType: 'diag',
      weightPrior: 'dirichlet-distribution',
    }).fit(X, { random: 3 });
    const unused = library.unusedComponents;
    expect(unused.length).toBeGreaterThan(0);
    const args = [
      file,
      '--ignore',
      'species',
      '--algo',
      'bayes',
      '--k',
      '8',
      '--covariance',
      'diag',
      '--weight-prior',
      'dirichlet-distribution',
      '--seed',
      '3',
      '--proba',
    ];
    const report = await fit(args);
    expect(report.details).toEqual({
      kind: 'bayes',
      weightPrior: 'dirichlet-distribution',
      weightConcentration: null,
      lowerBound: library.lowerBound,
      unusedComponents: unused,
      pruned: false,
    });
    expect(report.components.map((c) => c.weight)).toEqual(Array.from(library.weights));
    expect(report.families).toEqual(['gaussian-diag']);
    const { header, columns } = labelsFile(join(dir, 'iris.labels.csv'));
    expect(header).toHaveLength(9);
    expect(columns[0]).toEqual(Array.from(library.predict(X)));
    const pruned = await fit([...args, '--prune']);
    const kept = library.prune();
    expect(pruned.k).toBe(8 - unused.length);
    expect(labelsFile(join(dir, 'iris.labels.csv')).columns[0]).toEqual(
      Array.from(kept.predict(X)),
    );
    const predict = await runInProcess([
      'predict',
      join(dir, 'iris.model.json'),
      file,
      '--proba',
      '--out',
      join(dir, 'p.csv'),
    ]);
    expect(predict.status).toBe(0);
    expect(readFileSync(join(dir, 'p.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'iris.labels.csv'), 'utf8'),
    );
  });

  it("--select mclust: Mclust()'s choice on Old Faithful with R's table, the signs stated, the model saved", async () => {
    const dir = freshDir();
    const X = loadFaithful().X;
    const lines = ['eruptions,waiting'];
    for (let i = 0; i < X.rows; i++) lines.push(`${X.data[2 * i]},${X.data[2 * i + 1]}`);
    writeFileSync(join(dir, 'faithful.csv'), `${lines.join('\n')}\n`);
    const library = mclust(X);
    const run = await runInProcess(['fit', join(dir, 'faithful.csv'), '--select', 'mclust']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(library.table());
    expect(run.stdout).toContain(library.summary());
    expect(run.stdout).toContain("mclust's BIC = 2·loglik − npar·log(n): higher is better");
    expect(run.stdout).toContain(
      "Mixture of 3 components, mclust's EEE (ellipsoidal, equal volume, shape and orientation): mclust's BIC -2314.316",
    );
    expect(labelsFile(join(dir, 'faithful.labels.csv')).columns[0]).toEqual(
      Array.from(library.model.predict(X)),
    );
    const report = await fit([
      join(dir, 'faithful.csv'),
      '--select',
      'mclust',
      '--k',
      '2..4',
      '--covariance',
      'EEE,VVV',
    ]);
    expect(report.covariance).toBe('EEE');
    expect(report.families).toEqual(['gaussian-EEE']);
    expect(report.details.kind).toBe('mclust');
    if (report.details.kind === 'mclust') {
      expect(report.details.grid).toHaveLength(6);
      expect(report.details.best.bic).toBeCloseTo(-(report.bic ?? 0), 6);
    }
    const saved = JSON.parse(readFileSync(join(dir, 'faithful.model.json'), 'utf8'));
    expect(saved.algorithm).toBe('em');
    expect(saved.covariance).toBe('EEE');
  });

  it("--covariance takes mclust's models in a grid, each on the generic EM runner", async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const X = loadIris().X;
    const report = await fit([
      file,
      '--ignore',
      'species',
      '--k',
      '2',
      '--covariance',
      'VEV,EII',
      '--seed',
      '5',
    ]);
    expect(report.selection?.rows.map((r) => r.covariance)).toEqual(['VEV', 'EII']);
    const chosen = report.selection?.rows.find((r) => r.chosen)?.covariance;
    expect(chosen).toBe('VEV');
    const expected = fitMixture(X, { family: gaussianModel('VEV'), nClusters: 2, random: 5 });
    expect(labelsFile(join(dir, 'iris.labels.csv')).columns[0]).toEqual(
      Array.from(expected.predict(X)),
    );
    expect(report.nParameters).toBe(expected.nParameters());
  });
});

describe('options that do not apply are errors, not silently ignored', () => {
  it.each([
    [['--eps', '1'], '--eps applies to --algo dbscan or optics, not to --algo em'],
    [
      ['--algo', 'hdbscan', '--k', '3'],
      '--k applies to --algo em, kmeans, bayes or agglomerative, not to --algo hdbscan',
    ],
    [
      ['--algo', 'dbscan', '--eps', '1', '--seed', '2'],
      '--seed applies to --algo em, kmeans or bayes, not to --algo dbscan',
    ],
    [
      ['--algo', 'agglomerative', '--prune'],
      '--prune applies to --algo bayes, not to --algo agglomerative',
    ],
    [
      ['--algo', 'kmeans', '--scores'],
      '--scores applies to --algo dbscan, optics or hdbscan, not to --algo kmeans',
    ],
    [
      ['--algo', 'optics', '--eps-cluster', '2', '--eps', '1'],
      '--eps-cluster 2: must be at most --eps 1',
    ],
    [
      ['--select', 'mclust', '--n-init', '3'],
      "mclust's selection is deterministic (hierarchical starts): --n-init does not apply to --select mclust",
    ],
    [
      ['--algo', 'hdbscan', '--out-of-core', 'always'],
      '--out-of-core always: only mixtures fitted by EM over a grid (--algo em) stream the file; --algo hdbscan runs in memory',
    ],
    [
      ['--algo', 'hdbscan', '--redis', 'redis://localhost:1'],
      '--redis: distributed fits run --algo em or kmeans, not --algo hdbscan; fit it without --redis',
    ],
    [
      ['--select', 'mclust', '--redis', 'redis://localhost:1'],
      "--redis: mclust's selection (--select mclust) runs in memory; fit it without --redis",
    ],
    [
      ['--k', '2..4', '--redis', 'redis://localhost:1'],
      '--k 2,3,4: a distributed fit takes one --k; fit the grid without --redis',
    ],
    [
      ['--covariance', 'VVV', '--redis', 'redis://localhost:1'],
      '--covariance VVV: a distributed fit takes one of full, diag, spherical or tied',
    ],
    [
      ['--t', 'a,b', '--redis', 'redis://localhost:1'],
      '--t: a distributed fit models every numeric column as one Gaussian block; fit column families without --redis',
    ],
    [
      ['--n-init', '3', '--redis', 'redis://localhost:1'],
      '--n-init does not apply with --redis: the workers read the files themselves, and the fit runs one start and writes the model only',
    ],
    [
      ['--fit-id', 'run-1'],
      '--fit-id applies to a distributed fit only; add --redis <url> or leave it out',
    ],
  ])('mixkit fit data.csv %j', async (args, message) => {
    const run = await runInProcess(['fit', 'absent.csv', ...args]);
    expect(run.stderr).toBe(`mixkit: ${message}\n`);
    expect(run.status).toBe(2);
  });
});
