import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv } from '../test/helpers/fixtureFiles.js';
import { runMixkit } from './runMixkit.js';

describe('--k ranges are checked before any work', () => {
  it('refuses an absurd range at once, before the data file is even opened', () => {
    const dir = freshDir();
    const started = Date.now();
    const run = runMixkit(['fit', 'absent.csv', '--k', '2..100000000'], dir);
    expect(run.stderr).toBe(
      'mixkit: --k 2..100000000: 99,999,999 numbers of components, one fit each; a grid takes at most 200 (e.g. --k 2..20, or --k 2,4,8,16,32)\n',
    );
    expect(run.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(
      runMixkit(['fit', 'absent.csv', '--k', '1..100', '--covariance', 'full,diag,tied'], dir)
        .stderr,
    ).toBe('mixkit: --k 1..100 --covariance full,diag,tied: 300 fits; a grid takes at most 200\n');
  });

  it('refuses k above the row count after the first pass, before fitting', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'tiny.csv'), 'a,b\n1,2\n3,4\n5,7\n');
    const run = runMixkit(['fit', 'tiny.csv', '--k', '2,4,50'], dir);
    expect(run.stderr).toBe('mixkit: --k 4: more components than the 3 rows of tiny.csv\n');
    expect(run.status).toBe(2);
  });
});

describe('--version, --reg-covar and convergence', () => {
  it('--version prints the package version', () => {
    const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
      .version as string;
    for (const flag of ['--version', '-V']) {
      const run = runMixkit([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it('--reg-covar reaches the Gaussian covariance (a constant column gets exactly that variance)', () => {
    const dir = freshDir();
    const rows = Array.from({ length: 90 }, (_, i) => `${(i % 3) * 10 + (i % 5) * 0.1},7`);
    writeFileSync(join(dir, 'flat.csv'), `x,constant\n${rows.join('\n')}\n`);
    const run = runMixkit(
      ['fit', 'flat.csv', '--k', '3', '--covariance', 'diag', '--reg-covar', '0.25', '--json'],
      dir,
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    for (const component of report.components) {
      expect(component.params.variances[1]).toBe(0.25);
    }
    expect(runMixkit(['fit', 'flat.csv', '--reg-covar', '-1'], dir).stderr).toBe(
      'mixkit: --reg-covar -1: must be at least 0\n',
    );
  });

  it("the library's advice is worded as the CLI's options (--reg-covar, not regCovar)", () => {
    const dir = freshDir();
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 3},${i % 3}`);
    writeFileSync(join(dir, 'line.csv'), `x,y\n${rows.join('\n')}\n`);
    const run = runMixkit(['fit', 'line.csv', '--k', '1', '--reg-covar', '0'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^mixkit: --k 1 --covariance full: the fit failed \(.*increase --reg-covar\)\n$/,
    );
    expect(run.stderr).not.toContain('regCovar');
    expect(runMixkit(['fit', 'line.csv', '--k', '1'], dir).status).toBe(0);
  });

  it('a fit that stops at --max-iterations says so in its warnings', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    const run = runMixkit(
      [
        'fit',
        'iris.csv',
        '--ignore',
        'species',
        '--max-iterations',
        '2',
        '--n-init',
        '2',
        '--json',
      ],
      dir,
    );
    const report = JSON.parse(run.stdout);
    expect(report.converged).toBe(false);
    expect(report.warnings).toEqual([
      'restart 0 did not converge in 2 iterations (raise --max-iterations or --tolerance)',
      'restart 1 did not converge in 2 iterations (raise --max-iterations or --tolerance)',
    ]);
    const text = runMixkit(
      ['fit', 'iris.csv', '--ignore', 'species', '--max-iterations', '0'],
      dir,
    );
    expect(text.stdout).toContain('0 iterations, NOT converged');
    expect(text.stdout).toContain(
      '  - the fit did not converge: --max-iterations 0 only initialises',
    );
    const kmeans = runMixkit(
      [
        'fit',
        'iris.csv',
        '--ignore',
        'species',
        '--algo',
        'kmeans',
        '--max-iterations',
        '1',
        '--json',
      ],
      dir,
    );
    expect(JSON.parse(kmeans.stdout).warnings[0]).toMatch(
      /did not converge in 1 iterations \(raise --max-iterations/,
    );
  });
});
