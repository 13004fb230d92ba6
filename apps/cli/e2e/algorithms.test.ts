import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFaithful } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv, writeNoisyBlobsCsv } from '../test/helpers/fixtureFiles.js';
import { type MixkitRun, runMixkit } from './runMixkit.js';

/** Runs the built bin and requires success with nothing on stderr. */
function ok(args: readonly string[], dir: string): MixkitRun {
  const run = runMixkit(args, dir);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run;
}

/** The first column of a labels file, and its header. */
function labels(path: string): { header: string; clusters: number[] } {
  const [header = '', ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return { header, clusters: lines.map((line) => Number(line.split(',')[0])) };
}

function writeFaithfulCsv(dir: string): void {
  const X = loadFaithful().X;
  const lines = ['eruptions,waiting'];
  for (let i = 0; i < X.rows; i++) lines.push(`${X.data[2 * i]},${X.data[2 * i + 1]}`);
  writeFileSync(join(dir, 'faithful.csv'), `${lines.join('\n')}\n`);
}

describe("mclust's models and Mclust() from the built bin", () => {
  it('--select mclust prints the BIC table as R does, states both BIC signs, saves a model that predicts', () => {
    const dir = freshDir();
    writeFaithfulCsv(dir);
    const run = ok(['fit', 'faithful.csv', '--select', 'mclust'], dir);
    expect(run.stdout).toContain(
      "Model selection as mclust's Mclust(): hierarchical starts, k = 1..9 x 14 models",
    );
    expect(run.stdout).toContain('Bayesian Information Criterion (BIC): \n');
    expect(run.stdout).toMatch(/^3 -3377\.701 -3336\.598 -2323\.014 .* -2314\.316$/m);
    expect(run.stdout).toContain(
      [
        'Best BIC values:',
        '             EEE,3        VVE,2        VEE,3',
        'BIC      -2314.316 -2320.432980 -2322.103490',
        'BIC diff     0.000    -6.116684    -7.787194',
      ].join('\n'),
    );
    expect(run.stdout).toContain("mclust's BIC = 2·loglik − npar·log(n): higher is better");
    expect(run.stdout).toContain("(mixkit's BIC = −2·loglik + npar·log(n), lower is better");
    expect(run.stdout).toMatch(/log-likelihood -1126\.3 {3}BIC 2314\.3 /);
    const fitted = labels(join(dir, 'faithful.labels.csv'));
    const predict = ok(['predict', 'faithful.model.json', 'faithful.csv', '--out', 'p.csv'], dir);
    expect(predict.stdout).toContain('(mixture, k = 3)');
    expect(labels(join(dir, 'p.csv')).clusters).toEqual(fitted.clusters);
    const json = JSON.parse(
      ok(['fit', 'faithful.csv', '--select', 'mclust', '--k', '2,3', '--json'], dir).stdout,
    );
    expect(json.details.kind).toBe('mclust');
    expect(json.details.grid).toHaveLength(28);
    expect(json.details.best).toEqual({ model: 'EEE', k: 3, bic: json.details.best.bic });
    expect(json.details.best.bic).toBeCloseTo(-json.bic, 8);
  });

  it('--covariance takes all fourteen models in a grid, selected by mixkit BIC, also out of core', () => {
    const dir = freshDir();
    writeFaithfulCsv(dir);
    const all = 'EII,VII,EEI,VEI,EVI,VVI,EEE,VEE,EVE,VVE,EEV,VEV,EVV,VVV';
    const report = JSON.parse(
      ok(['fit', 'faithful.csv', '--k', '2', '--covariance', all, '--json'], dir).stdout,
    );
    const rows = report.selection.rows as { covariance: string; score: number; chosen: boolean }[];
    expect(rows.map((row) => row.covariance).join(',')).toBe(all);
    const best = rows.reduce((a, b) => (b.score < a.score ? b : a));
    expect(best.chosen).toBe(true);
    expect(report.families).toEqual([`gaussian-${best.covariance}`]);
    const streamed = JSON.parse(
      ok(
        [
          'fit',
          'faithful.csv',
          '--k',
          '2',
          '--covariance',
          'VEV',
          '--out-of-core',
          'always',
          '--json',
        ],
        dir,
      ).stdout,
    );
    expect(streamed.storage).toBe('out-of-core');
    expect(streamed.families).toEqual(['gaussian-VEV']);
    const refused = runMixkit(
      ['fit', 'faithful.csv', '--covariance', 'VVV', '--reg-covar', '1e-3'],
      dir,
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^mixkit: --reg-covar: mclust's models \(here VVV\) are fitted without regularisation/,
    );
  });
});

describe('the variational mixture from the built bin', () => {
  it('reports unused components, prunes them with --prune, and its saved model predicts the same labels', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    const base = ['fit', 'iris.csv', '--label', 'species', '--algo', 'bayes', '--k', '8'];
    const text = ok(base, dir).stdout;
    expect(text).toContain(
      'Variational Bayesian mixture of 8 components (an upper bound), each gaussian-full, dirichlet-process weight prior',
    );
    expect(text).toMatch(
      /Unused components \(less than one row of expected membership\): [\d, ]+; --prune drops them/,
    );
    const pruned = JSON.parse(ok([...base, '--prune', '--proba', '--json'], dir).stdout);
    expect(pruned.details.pruned).toBe(true);
    expect(pruned.k).toBe(8 - pruned.details.unusedComponents.length);
    expect(pruned.components).toHaveLength(pruned.k);
    expect(labels(join(dir, 'iris.labels.csv')).header).toBe(
      ['cluster', ...Array.from({ length: pruned.k }, (_, c) => `p${c}`)].join(','),
    );
    ok(['predict', 'iris.model.json', 'iris.csv', '--proba', '--out', 'again.csv'], dir);
    expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'iris.labels.csv'), 'utf8'),
    );
    const dirichlet = JSON.parse(
      ok(
        [
          ...base,
          '--weight-prior',
          'dirichlet-distribution',
          '--covariance',
          'spherical',
          '--json',
        ],
        dir,
      ).stdout,
    );
    expect(dirichlet.details.weightPrior).toBe('dirichlet-distribution');
    expect(dirichlet.families).toEqual(['gaussian-spherical']);
  });
});

describe('hard clusterers from the built bin', () => {
  it('agglomerative: cut at --k or --height, the last merge heights, predict says its rule', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    const run = ok(
      ['fit', 'iris.csv', '--label', 'species', '--algo', 'agglomerative', '--k', '3'],
      dir,
    );
    expect(run.stdout).toContain(
      'Agglomerative clustering, ward linkage (euclidean), cut at k = 3',
    );
    expect(run.stdout).toMatch(/heights of the last merges, highest first: [\d.]+, [\d.]+/);
    expect(run.stdout).toMatch(/ {2}sepal length \(cm\) mean /);
    const byHeight = JSON.parse(
      ok(
        [
          'fit',
          'iris.csv',
          '--ignore',
          'species',
          '--algo',
          'agglomerative',
          '--linkage',
          'single',
          '--height',
          '0.5',
          '--json',
        ],
        dir,
      ).stdout,
    );
    expect(byHeight.details.cut).toEqual({ height: 0.5 });
    expect(byHeight.details.lastMerges[0]).toBeGreaterThanOrEqual(0.5);
    const predict = ok(['predict', 'iris.model.json', 'iris.csv', '--out', 'p.csv'], dir);
    expect(predict.stdout).toContain(
      'rule: agglomerative clustering has no rule of its own for new rows: each takes the label of its nearest training row',
    );
    expect(labels(join(dir, 'p.csv')).clusters).toEqual(
      labels(join(dir, 'iris.labels.csv')).clusters,
    );
  });

  it('DBSCAN, OPTICS and HDBSCAN: noise labelled -1 and explained, --scores columns, predict', () => {
    const dir = freshDir();
    writeNoisyBlobsCsv(dir);
    const cases = [
      {
        args: ['--algo', 'dbscan', '--eps', '0.6', '--min-pts', '6'],
        header: 'cluster,core',
        rule: 'nearest core sample within eps = 0.6',
      },
      {
        args: ['--algo', 'optics', '--eps-cluster', '0.8'],
        header: 'cluster,reachability,core_distance,order',
        rule: 'within eps-cluster = 0.8',
      },
      {
        args: ['--algo', 'hdbscan', '--min-pts', '8'],
        header: 'cluster,probability,outlier_score',
        rule: "R's predict.hdbscan",
      },
    ];
    for (const { args, header, rule } of cases) {
      const run = ok(['fit', 'blobs.csv', '--label', 'truth', ...args, '--scores'], dir);
      expect(run.stdout).toMatch(/: 3 clusters, \d+ noise rows/);
      expect(run.stdout).toMatch(
        /^Noise: \d+ rows lie in no cluster; the labels file gives them -1 /m,
      );
      expect(run.stdout).toMatch(/adjusted Rand index 0\.9\d/);
      const fitted = labels(join(dir, 'blobs.labels.csv'));
      expect(fitted.header).toBe(header);
      expect(fitted.clusters).toContain(-1);
      const predict = ok(['predict', 'blobs.model.json', 'blobs.csv', '--out', 'p.csv'], dir);
      expect(predict.stdout).toContain(rule);
      expect(predict.stdout).toMatch(/; noise \(-1\): \d+/);
      expect(labels(join(dir, 'p.csv')).header).toBe('cluster');
    }
    const proba = runMixkit(['predict', 'blobs.model.json', 'blobs.csv', '--proba'], dir);
    expect(proba.stderr).toBe(
      'mixkit: --proba: the model in blobs.model.json is HDBSCAN, which gives hard labels only\n',
    );
  });
});

describe('what the new algorithms refuse, before any work and leaving nothing behind', () => {
  it('out of core (forced or by size), options of other algorithms, the mclust subset over --memory-limit and within it', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    for (const algo of [
      ['--algo', 'bayes'],
      ['--algo', 'agglomerative'],
      ['--algo', 'hdbscan'],
      ['--select', 'mclust'],
    ]) {
      const run = runMixkit(
        ['fit', 'iris.csv', '--ignore', 'species', ...algo, '--out-of-core', 'always'],
        dir,
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /^mixkit: --out-of-core always: only mixtures fitted by EM over a grid \(--algo em\) stream the file; .* runs in memory\n$/,
      );
    }
    const bySize = runMixkit(
      [
        'fit',
        'iris.csv',
        '--ignore',
        'species',
        '--algo',
        'dbscan',
        '--eps',
        '1',
        '--memory-limit',
        '0.001',
      ],
      dir,
    );
    expect(bySize.stderr).toMatch(/over --memory-limit .*, and --algo dbscan runs in memory only/);
    expect(
      runMixkit(['fit', 'iris.csv', '--algo', 'optics', '--ignore', 'species'], dir).stderr,
    ).toMatch(
      /^mixkit: --algo optics labels rows by the DBSCAN clustering at --eps-cluster <radius>/,
    );
    expect(runMixkit(['fit', 'iris.csv', '--min-pts', '3'], dir).stderr).toBe(
      'mixkit: --min-pts applies to --algo dbscan, optics or hdbscan, not to --algo em\n',
    );
    const rows = ['a,b'];
    for (let i = 0; i < 10_001; i++) rows.push(`${i % 97},${i % 89}`);
    writeFileSync(join(dir, 'big.csv'), `${rows.join('\n')}\n`);
    // The agglomeration takes 2,000 of the 10,001 rows: 16 MB of pair costs, over 1 MiB.
    const mclust = runMixkit(['fit', 'big.csv', '--select', 'mclust', '--memory-limit', '1'], dir);
    expect(mclust.status).toBe(2);
    expect(mclust.stderr).toMatch(
      /^mixkit: big\.csv: --select mclust's hierarchical initialisation on 2,000 rows needs .* of pair costs, over --memory-limit 1\.0 MB/,
    );
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'iris.csv']);
    // Within the default limit the same file fits: a 2,000-row agglomeration, EM on all rows.
    const fitted = runMixkit(
      ['fit', 'big.csv', '--select', 'mclust', '--k', '2', '--covariance', 'VVV', '--json'],
      dir,
    );
    expect(fitted.status).toBe(0);
    const best = JSON.parse(fitted.stdout).details.best;
    expect([best.model, best.k]).toEqual(['VVV', 2]);
  });

  it('help lists every algorithm and both BIC signs', () => {
    const help = ok(['fit', '--help'], freshDir()).stdout;
    for (const word of [
      'bayes',
      'agglomerative',
      'dbscan',
      'optics',
      'hdbscan',
      '--select mclust',
      'EII VII EEI',
      '--scores',
      '--prune',
    ]) {
      expect(help).toContain(word);
    }
    expect(help).toContain("mixkit's BIC is -2*loglik + npar*log(n), lower is better; mclust's");
  });
});
