import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test/helpers/fixtureFiles.js';
import { runMixkit } from './runMixkit.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(appDir, 'README.md'), 'utf8');

/**
 * Every `$ mixkit ...` line of the README's code blocks with the output shown under it: the
 * lines up to the next `$ mixkit` line or the end of the block, without trailing blank lines.
 */
function readmeExamples(text: string): { args: string[]; shown: string }[] {
  const examples: { args: string[]; shown: string[] }[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      continue;
    }
    if (!inBlock) continue;
    if (line.startsWith('$ mixkit ')) {
      examples.push({ args: line.slice('$ mixkit '.length).split(' '), shown: [] });
    } else {
      examples[examples.length - 1]?.shown.push(line);
    }
  }
  return examples.map(({ args, shown }) => ({ args, shown: shown.join('\n').replace(/\n+$/, '') }));
}

const examples = readmeExamples(readme);

describe('the README examples', () => {
  // The examples run in order in one folder (predict reads the model an earlier fit wrote).
  const dir = freshDir();
  for (const file of readdirSync(join(appDir, 'examples'))) {
    if (file.endsWith('.csv')) copyFileSync(join(appDir, 'examples', file), join(dir, file));
  }
  writeFileSync(join(dir, 'bad.csv'), 'x,y\n1.5,2\n2.5\n');
  writeFileSync(join(dir, 'euro.csv'), 'length;width\n5,1;3,5\n4,9;3,0\n4,7;3,2\n');

  it('include fits of every algorithm, mclust, a grid, a mixed-type table, predict and errors', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const algo of ['kmeans', 'bayes', 'agglomerative', 'dbscan', 'hdbscan']) {
      expect(examples.some(({ args }) => args.includes(algo))).toBe(true);
    }
    expect(examples.some(({ args }) => args.includes('mclust'))).toBe(true);
  });

  for (const { args, shown } of examples) {
    it(`mixkit ${args.join(' ')} prints what the README shows`, () => {
      const run = runMixkit(args, dir);
      const failing = shown.startsWith('mixkit: ');
      expect(run.status).toBe(failing ? 2 : 0);
      expect((failing ? run.stderr : run.stdout).replace(/\n+$/, '')).toBe(shown);
    });
  }
});
