import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeBlobs } from '@mixkit/datasets';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv } from './helpers/fixtureFiles.js';
import { runInProcess } from './helpers/runInProcess.js';

// 40,000 rows x 8: more than one shard for EM (k = 4), k-means (k = 8) and the variational fit,
// so `--workers 2` sends their passes to worker threads; iris is one shard and stays here.
const dir = freshDir();
const file = join(dir, 'blobs.csv');
const brokenEntry = join(dir, 'brokenWorker.mjs');
const workingEntry = process.env.MIXKIT_WORKER_ENTRY;

beforeAll(() => {
  const { X } = makeBlobs({ nSamples: 40_000, nFeatures: 8, centers: 8, random: 5 });
  const lines = ['a,b,c,d,e,f,g,h'];
  for (let i = 0; i < X.rows; i++) {
    lines.push(Array.from(X.data.subarray(i * 8, i * 8 + 8), (v) => v.toFixed(4)).join(','));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  // A worker entry that fails as it loads: a fit that starts worker threads cannot succeed.
  writeFileSync(brokenEntry, "throw new Error('this worker entry is broken on purpose');\n");
});

afterEach(() => {
  process.env.MIXKIT_WORKER_ENTRY = workingEntry;
});

/** Runs `mixkit fit` and returns its exit status, stderr, labels file and model file. */
async function fitFiles(args: readonly string[], name: string) {
  const labelsOut = join(dir, `${name}.labels.csv`);
  const modelOut = join(dir, `${name}.model.json`);
  const run = await runInProcess([
    'fit',
    ...args,
    '--labels-out',
    labelsOut,
    '--model-out',
    modelOut,
  ]);
  const read = (path: string) => (run.status === 0 ? readFileSync(path, 'utf8') : '');
  return { ...run, labels: read(labelsOut), model: read(modelOut) };
}

const sharded: readonly [string, readonly string[]][] = [
  ['em over a grid', ['--k', '3,4', '--covariance', 'full', '--max-iterations', '8']],
  ['k-means', ['--algo', 'kmeans', '--k', '8', '--max-iterations', '8']],
  ['bayes', ['--algo', 'bayes', '--k', '6', '--covariance', 'full', '--max-iterations', '8']],
  [
    'streamed EM (out of core)',
    // Chunks of 1 MiB (16,384 rows): two of EM's shards each at k = 8.
    ['--out-of-core', 'always', '--k', '8', '--covariance', 'diag', '--max-iterations', '4'],
  ],
];

describe('mixkit fit --workers', () => {
  it.each(sharded)(
    '%s: the same labels and model on 2 worker threads as in this thread',
    async (name, args) => {
      const slug = name.replace(/\W+/g, '-');
      const here = await fitFiles([file, ...args, '--workers', '0'], `${slug}-0`);
      const pooled = await fitFiles([file, ...args, '--workers', '2'], `${slug}-2`);
      expect(here.stderr).toBe('');
      expect(pooled.stderr).toBe('');
      expect(pooled.status).toBe(0);
      expect(pooled.labels.length).toBeGreaterThan(40_000);
      expect(pooled.labels).toBe(here.labels);
      expect(JSON.parse(pooled.model)).toEqual(JSON.parse(here.model));
    },
  );

  it.each(sharded)(
    '%s: the passes do run on the workers (a broken worker entry fails the fit with a one-line error)',
    async (name, args) => {
      process.env.MIXKIT_WORKER_ENTRY = pathToFileURL(brokenEntry).href;
      const slug = name.replace(/\W+/g, '-');
      const broken = await fitFiles([file, ...args, '--workers', '2'], `${slug}-broken`);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/^mixkit: worker \d+ crashed: .*broken on purpose/);
      expect(broken.stderr).not.toMatch(/internal error|\n\s+at /);
      // `--workers 0` never starts a thread, so the same entry does not matter.
      const here = await fitFiles([file, ...args, '--workers', '0'], `${slug}-here`);
      expect(here.status).toBe(0);
    },
  );

  it('small data stays in this thread: iris fits with 2 workers even with a broken entry', async () => {
    process.env.MIXKIT_WORKER_ENTRY = pathToFileURL(brokenEntry).href;
    const iris = writeIrisCsv(dir);
    for (const algo of ['em', 'kmeans', 'bayes']) {
      const run = await fitFiles(
        [iris, '--algo', algo, '--k', '3', '--ignore', 'species', '--workers', '2'],
        `iris-${algo}`,
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });

  it("--select mclust: its grid's cells run on the workers, with the same labels and model", async () => {
    const iris = writeIrisCsv(dir);
    const args = [iris, '--select', 'mclust', '--k', '1,2,3', '--ignore', 'species'];
    const here = await fitFiles([...args, '--workers', '0'], 'mclust-0');
    const pooled = await fitFiles([...args, '--workers', '2'], 'mclust-2');
    expect(here.stderr).toBe('');
    expect(pooled.status).toBe(0);
    expect(pooled.labels.length).toBeGreaterThan(150);
    expect(pooled.labels).toBe(here.labels);
    expect(JSON.parse(pooled.model)).toEqual(JSON.parse(here.model));
    // Even on iris (one shard) the cells go to the workers: a broken entry fails the fit.
    process.env.MIXKIT_WORKER_ENTRY = pathToFileURL(brokenEntry).href;
    const broken = await fitFiles([...args, '--workers', '2'], 'mclust-broken');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^mixkit: worker \d+ crashed: .*broken on purpose/);
  });

  it('refuses a bad count and an algorithm without passes over rows', async () => {
    for (const [args, message] of [
      [['--workers', '-1'], /--workers -1: must be at least 0/],
      [['--workers', '1.5'], /--workers 1.5: not an integer/],
      [['--algo', 'dbscan', '--eps', '1', '--workers', '2'], /--workers applies to --algo em/],
    ] as const) {
      const run = await runInProcess(['fit', file, ...args]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
