import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test/helpers/fixtureFiles.js';
import { runMixkit } from './runMixkit.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(appDir, 'README.md'), 'utf8');

/** Every `$ mixkit ...` line of the README's example blocks, with the line printed after it. */
const examples = [...readme.matchAll(/^\$ mixkit (.+)\n(.+)$/gm)].map((m) => ({
  args: m[1]!.split(' '),
  firstLine: m[2]!,
}));

describe('the README examples', () => {
  // The examples run in order in one folder (predict reads the model an earlier fit wrote).
  const dir = freshDir();
  for (const file of readdirSync(join(appDir, 'examples'))) {
    if (file.endsWith('.csv')) copyFileSync(join(appDir, 'examples', file), join(dir, file));
  }
  writeFileSync(join(dir, 'bad.csv'), 'x,y\n1.5,2\n2.5\n');
  writeFileSync(join(dir, 'euro.csv'), 'length;width\n5,1;3,5\n4,9;3,0\n4,7;3,2\n');

  it('include fits, a grid, a mixed-type table, predict and errors', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  for (const { args, firstLine } of examples) {
    it(`mixkit ${args.join(' ')}`, () => {
      const run = runMixkit(args, dir);
      const failing = firstLine.startsWith('mixkit: ');
      expect(run.status).toBe(failing ? 2 : 0);
      expect((failing ? run.stderr : run.stdout).split('\n')[0]).toBe(firstLine);
    });
  }
});
