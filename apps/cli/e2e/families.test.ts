import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test/helpers/fixtureFiles.js';
import { runMixkit } from './runMixkit.js';

/** A seeded uniform generator (32-bit LCG) for the fixture tables. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
}

describe('Student t and von Mises-Fisher columns from the command line', () => {
  it('--t fits a Student t block (full or diag scale), reports ν, and the model predicts', () => {
    const uniform = lcg(3);
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const rows: string[] = [];
    for (let i = 0; i < 300; i++) {
      const group = i % 2;
      // Heavy tails: every 10th row is an outlier far from its group.
      const spread = i % 10 === 0 ? 15 : 1;
      rows.push(`${group * 8 + spread * normal()},${group * -6 + spread * normal()},g${group}`);
    }
    const dir = freshDir();
    writeFileSync(join(dir, 'tails.csv'), `x,y,truth\n${rows.join('\n')}\n`);
    const run = runMixkit(
      ['fit', 'tails.csv', '--t', 'x,y', '--label', 'truth', '--k', '2', '--json'],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.families).toEqual(['student-t-full']);
    expect(report.columns.map((c: { kind: string }) => c.kind)).toEqual(['t', 't']);
    expect(report.agreement.ari).toBeGreaterThan(0.8);
    for (const component of report.components) expect(component.params.dof).toBeLessThan(50);
    const text = runMixkit(
      ['fit', 'tails.csv', '--t', 'x,y', '--ignore', 'truth', '--k', '2'],
      dir,
    );
    expect(text.stdout).toContain('  t: x, y');
    expect(text.stdout).toMatch(/degrees of freedom ν/);
    const diag = runMixkit(
      ['fit', 'tails.csv', '--t', '1..2', '--ignore', 'truth', '--covariance', 'diag', '--json'],
      dir,
    );
    expect(JSON.parse(diag.stdout).families).toEqual(['student-t-diag']);
    expect(runMixkit(['fit', 'tails.csv', '--t', 'x,y', '--covariance', 'tied'], dir).stderr).toBe(
      'mixkit: --covariance tied: the Student t columns (--t) take full or diag\n',
    );
    const predict = runMixkit(
      ['predict', 'tails.model.json', 'tails.csv', '--out', 'again.csv'],
      dir,
    );
    expect(predict.status).toBe(0);
    expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'tails.labels.csv'), 'utf8'),
    );
  });

  it('--vmf fits directions: rows scaled to length 1, mixed with other column types', () => {
    const uniform = lcg(9);
    const directions = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const rows: string[] = [];
    for (let i = 0; i < 300; i++) {
      const group = i % 3;
      const length = 0.5 + 4 * uniform(); // the length carries no information
      const d = directions[group] as number[];
      const v = d.map((x) => length * (x + 0.15 * (uniform() - 0.5)));
      rows.push(`${v.map((x) => x.toFixed(5)).join(',')},${Math.floor(uniform() * 4)},d${group}`);
    }
    const dir = freshDir();
    writeFileSync(join(dir, 'dirs.csv'), `u,v,w,visits,truth\n${rows.join('\n')}\n`);
    const run = runMixkit(
      ['fit', 'dirs.csv', '--vmf', 'u,v,w', '--poisson', 'visits', '--label', 'truth', '--json'],
      dir,
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.families).toEqual(['von-mises-fisher', 'poisson']);
    expect(report.agreement.ari).toBeGreaterThan(0.95);
    const text = runMixkit(['fit', 'dirs.csv', '--vmf', 'u,v,w', '--ignore', 'visits,truth'], dir);
    expect(text.stdout).toMatch(/u \(mean direction\)/);
    expect(text.stdout).toMatch(/concentration κ/);
    writeFileSync(join(dir, 'zero.csv'), 'u,v\n1,2\n0,0\n');
    expect(runMixkit(['fit', 'zero.csv', '--vmf', 'u,v', '--k', '1'], dir).stderr).toBe(
      'mixkit: zero.csv, row 2 (line 3): the --vmf columns "u", "v" are all 0, so the row has no direction (a von Mises-Fisher row needs a nonzero vector)\n',
    );
  });
});
