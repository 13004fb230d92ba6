import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv, writeMixedCsv } from './helpers/fixtureFiles.js';
import { runInProcess } from './helpers/runInProcess.js';

/** Runs a failing command in a folder and checks the failure contract. */
async function expectCleanFailure(dir: string, args: string[], message: RegExp): Promise<void> {
  const before = readdirSync(dir).sort();
  const run = await runInProcess(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^mixkit: /);
  expect(lines[0]).toMatch(message);
  // Nothing written, not even a temporary file.
  expect(readdirSync(dir).sort()).toEqual(before);
}

function writeCsv(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('bad input is one line naming file, row and column, and writes nothing', () => {
  it('a missing file', async () => {
    const dir = freshDir();
    await expectCleanFailure(
      dir,
      ['fit', join(dir, 'nope.csv')],
      /nope\.csv: cannot read file \(no such file\)/,
    );
  });

  it('an unparsable number', async () => {
    const dir = freshDir();
    const file = writeCsv(dir, 'd.csv', 'a,b\n1,2\n3,4\n5,x7\n');
    await expectCleanFailure(
      dir,
      ['fit', file, '--k', '2', '--gaussian', 'b'],
      /d\.csv, row 3 \(line 4\), column "b" \(#2\): "x7" is not a number/,
    );
  });

  it('a ragged row', async () => {
    const dir = freshDir();
    const file = writeCsv(dir, 'd.csv', 'a,b\n1,2\n3\n5,6\n');
    await expectCleanFailure(
      dir,
      ['fit', file],
      /d\.csv, row 2 \(line 3\): ragged row: 1 fields but the header has 2/,
    );
  });

  it('an unknown column name', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    await expectCleanFailure(
      dir,
      ['fit', file, '--label', 'specie'],
      /iris\.csv: --label specie: unknown column name \(columns: .*"species"\)/,
    );
  });

  it('a column type that does not fit its values', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    await expectCleanFailure(
      dir,
      ['fit', file, '--poisson', 'sepal length (cm)', '--ignore', 'species'],
      /iris\.csv, row 1 \(line 2\), column "sepal length \(cm\)" \(#1\): 5\.1 is not a non-negative integer count, as --poisson requires/,
    );
    await expectCleanFailure(
      dir,
      ['fit', file, '--bernoulli', '1'],
      /row 1 \(line 2\), column "sepal length \(cm\)" \(#1\): 5\.1 is not 0 or 1/,
    );
  });

  it('more components than rows, a bad option value, text columns for k-means', async () => {
    const dir = freshDir();
    const file = writeCsv(dir, 'd.csv', 'a,b\n1,2\n3,4\n5,7\n');
    await expectCleanFailure(
      dir,
      ['fit', file, '--k', '2..5'],
      /--k 4: more components than the 3 rows of .*d\.csv/,
    );
    await expectCleanFailure(
      dir,
      ['fit', file, '--covariance', 'ful'],
      /--covariance ful: "ful" is not one of full, diag, spherical, tied/,
    );
    await expectCleanFailure(dir, ['fit', file, '--n-init', '0'], /--n-init 0: must be at least 1/);
    const iris = writeIrisCsv(dir);
    await expectCleanFailure(
      dir,
      ['fit', iris, '--algo', 'kmeans'],
      /--algo kmeans needs numeric columns, but "species" is categorical/,
    );
  });

  it('k-means with a k grid or --proba, and --proba on a k-means model', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    await expectCleanFailure(
      dir,
      ['fit', file, '--algo', 'kmeans', '--ignore', 'species', '--k', '2..4'],
      /--k 2,3,4: choosing k needs a likelihood \(BIC\/AIC\/ICL\); use --algo em for a grid/,
    );
    await expectCleanFailure(
      dir,
      ['fit', file, '--algo', 'kmeans', '--ignore', 'species', '--proba'],
      /--proba applies to --algo em or bayes, not to --algo kmeans/,
    );
    expect(
      (await runInProcess(['fit', file, '--algo', 'kmeans', '--ignore', 'species'])).status,
    ).toBe(0);
    await expectCleanFailure(
      dir,
      ['predict', join(dir, 'iris.model.json'), file, '--proba'],
      /--proba: the model in .*iris\.model\.json is k-means, which gives hard labels only/,
    );
  });

  it('a model file that is not a mixkit model', async () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const model = writeCsv(dir, 'model.json', '{"kind": "something-else"}');
    await expectCleanFailure(
      dir,
      ['predict', model, file],
      /model\.json: not a model written by "mixkit fit"/,
    );
  });

  it('predict with a file that lacks a model column or has an unseen level', async () => {
    const dir = freshDir();
    const { file } = writeMixedCsv(dir);
    expect(
      (await runInProcess(['fit', file, '--poisson', 'visits', '--ignore', 'truth'])).status,
    ).toBe(0);
    const model = join(dir, 'mixed.model.json');
    const noVisits = writeCsv(dir, 'new.csv', 'height,weight,colour\n1,2,red\n');
    await expectCleanFailure(
      dir,
      ['predict', model, noVisits],
      /new\.csv: missing column "visits", which the model in .*mixed\.model\.json was fitted on/,
    );
    const purple = writeCsv(
      dir,
      'new2.csv',
      'height,weight,visits,colour\n1,2,3,red\n1,2,3,purple\n',
    );
    await expectCleanFailure(
      dir,
      ['predict', model, purple],
      /new2\.csv, row 2 \(line 3\), column "colour" \(#4\): "purple" is not one of the column's levels \("amber", "blue", "green", "red"\)/,
    );
    await expectCleanFailure(dir, ['predict', file, purple], /mixed\.csv: not valid JSON/);
  });

  it('an unknown option is a usage error with a hint', async () => {
    const run = await runInProcess(['fit', 'x.csv', '--kk', '3']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--kk'/);
    expect(run.stderr).toMatch(/run with --help/);
  });
});

describe('--help', () => {
  it('explains every fit option, with examples', async () => {
    const run = await runInProcess(['fit', '--help']);
    expect(run.status).toBe(0);
    for (const option of [
      '--k',
      '--criterion',
      '--algo',
      '--covariance',
      '--gaussian',
      '--poisson',
      '--bernoulli',
      '--counts',
      '--categorical',
      '--ignore',
      '--label',
      '--seed',
      '--max-iterations',
      '--tolerance',
      '--n-init',
      '--proba',
      '--json',
      '--delimiter',
      '--labels-out',
      '--model-out',
      '--t',
      '--vmf',
      '--reg-covar',
      '--decimal',
      '--na',
      '--missing',
      '--out-of-core',
      '--memory-limit',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('$ mixkit fit iris.csv --label species --k 3 --seed 1');
  });

  it('without a command, prints the usage on stderr and exits 2', async () => {
    const run = await runInProcess([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Usage: mixkit/);
  });

  it('lists the commands at the top level and explains predict', async () => {
    expect((await runInProcess(['--help'])).stdout).toMatch(
      /fit \[options\] <data>[\s\S]*predict \[options\] <model> <data>/,
    );
    expect((await runInProcess(['predict', '--help'])).stdout).toContain(
      '$ mixkit predict iris.model.json new-flowers.csv',
    );
  });
});
