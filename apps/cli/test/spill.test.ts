import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeMixedTypes } from '@mixkit/datasets';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { colours, freshDir } from './helpers/fixtureFiles.js';
import { runInProcess } from './helpers/runInProcess.js';

// Out-of-core fits read their passes from a spill file (the rows encoded once) unless
// --no-spill. 70,000 mixed-type rows x 4 model columns: chunks of 32,768 rows, so a pass has
// three chunks (the last one short), and EM (k = 4) shares them with --workers 2.
const ROWS = 70_000;
const COLS = 4;
const dir = freshDir();
const file = join(dir, 'mixed.csv');
const workingEntry = process.env.MIXKIT_WORKER_ENTRY;
const brokenEntry = join(dir, 'brokenWorker.mjs');

beforeAll(() => {
  const data = makeMixedTypes({ nSamples: ROWS, random: 3 });
  const lines = ['height,weight,visits,colour,truth'];
  for (let i = 0; i < ROWS; i++) {
    const [a, b, count, code] = Array.from(data.X.data.subarray(i * 4, i * 4 + 4));
    // Some missing heights: NaN cells must come back from the spill as they went in.
    lines.push(`${i % 997 === 5 ? 'NA' : a},${b},${count},${colours[code ?? 0]},${data.labels[i]}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(brokenEntry, "throw new Error('this worker entry is broken on purpose');\n");
});

afterEach(() => {
  process.env.MIXKIT_WORKER_ENTRY = workingEntry;
});

const fitArgs = [
  '--poisson',
  'visits',
  '--label',
  'truth',
  '--missing',
  'marginalize',
  '--k',
  '3,4',
  '--max-iterations',
  '6',
  '--proba',
  '--json',
  '--out-of-core',
  'always',
];

/** A fresh folder for spill files. */
function spillDir(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  return folder;
}

/** Runs `mixkit fit mixed.csv` with `args`; returns its status, report and output files. */
async function fit(name: string, args: readonly string[], signal?: AbortSignal) {
  const labelsOut = join(dir, `${name}.labels.csv`);
  const modelOut = join(dir, `${name}.model.json`);
  const run = await runInProcess(
    ['fit', file, ...fitArgs, ...args, '--labels-out', labelsOut, '--model-out', modelOut],
    signal,
  );
  const read = (path: string) => (run.status === 0 ? readFileSync(path, 'utf8') : '');
  return { ...run, labels: read(labelsOut), model: read(modelOut) };
}

/** The report without its output paths (which name the run). */
function reportOf(stdout: string): unknown {
  const { outputs: _outputs, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return rest;
}

describe('mixkit fit out of core: the spill file', () => {
  it('gives the same bits as re-parsing the file on every pass (--no-spill), in this thread and on 2 workers', async () => {
    const reparsed = await fit('reparsed', ['--no-spill', '--workers', '0']);
    expect(reparsed.stderr).toBe('');
    expect(reparsed.status).toBe(0);
    for (const workers of ['0', '2']) {
      const folder = spillDir(`bits-${workers}`);
      const spilled = await fit(`spilled-${workers}`, [
        '--spill-dir',
        folder,
        '--workers',
        workers,
      ]);
      expect(spilled.stderr).toBe('');
      expect(spilled.status).toBe(0);
      expect(spilled.labels.split('\n').length).toBe(ROWS + 2);
      expect(spilled.labels).toBe(reparsed.labels);
      // The model file as text: every parameter's digits (shortest round trip) are equal.
      expect(spilled.model).toBe(reparsed.model);
      expect(reportOf(spilled.stdout)).toEqual(reportOf(reparsed.stdout));
      // Removed once the outputs are in place.
      expect(readdirSync(folder)).toEqual([]);
    }
    // Three fits of 70,000 rows: on a loaded 2-core machine more than the default 30 s.
  }, 180_000);

  it('is removed when a later pass fails (the worker threads of the fit cannot start)', async () => {
    process.env.MIXKIT_WORKER_ENTRY = pathToFileURL(brokenEntry).href;
    const folder = spillDir('broken');
    const run = await fit('broken', ['--spill-dir', folder, '--workers', '2', '--k', '8']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^mixkit: worker \d+ crashed: .*broken on purpose/);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.startsWith('broken.'))).toEqual([]);
  }, 60_000);

  it('is removed when the fit is interrupted after the spill was written', async () => {
    const folder = spillDir('interrupted');
    const controller = new AbortController();
    // The spill holds 8 bytes a cell and 4 bytes a row of label codes once complete; abort
    // when it is, i.e. while the fit's passes read it.
    const complete = ROWS * COLS * 8 + ROWS * 4;
    let seen = 0;
    const poll = setInterval(() => {
      for (const name of readdirSync(folder)) {
        try {
          seen = Math.max(seen, statSync(join(folder, name)).size);
        } catch {
          // removed between the listing and the stat: the run is ending
        }
        if (seen === complete) controller.abort(new Error('SIGTERM'));
      }
    }, 2);
    try {
      const run = await fit(
        'interrupted',
        ['--spill-dir', folder, '--k', '2..6'],
        controller.signal,
      );
      expect(seen).toBe(complete);
      expect(run.stderr).toBe('mixkit: interrupted; no output was written\n');
      expect(run.status).toBe(130);
    } finally {
      clearInterval(poll);
    }
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);
});

/**
 * Makes `folder` unwritable: by its mode, or for root (whom modes do not stop) by the immutable
 * attribute; false when neither works here.
 */
function makeUnwritable(folder: string): boolean {
  chmodSync(folder, 0o500);
  if (!writable(folder)) return true;
  spawnSync('chattr', ['+i', folder]);
  return !writable(folder);
}

function writable(folder: string): boolean {
  try {
    writeFileSync(join(folder, 'probe'), '');
    spawnSync('rm', ['-f', join(folder, 'probe')]);
    return true;
  } catch {
    return false;
  }
}

const locked = join(dir, 'locked');
mkdirSync(locked);
const lockable = makeUnwritable(locked);

afterAll(() => {
  spawnSync('chattr', ['-i', locked]);
  chmodSync(locked, 0o700);
});

describe('mixkit fit out of core: a spill folder that cannot be used', () => {
  it.skipIf(!lockable)(
    'an unwritable --spill-dir is one line naming it, exit 2, and nothing is written',
    async () => {
      const run = await fit('locked', ['--spill-dir', locked]);
      expect(run.stderr).toMatch(
        new RegExp(
          `^mixkit: --spill-dir ${locked}: cannot write in ${locked} \\((permission denied|EPERM|EACCES)\\)\n$`,
        ),
      );
      expect(run.status).toBe(2);
      expect(readdirSync(dir).filter((name) => name.startsWith('locked.'))).toEqual([]);
    },
  );

  it('refuses a missing folder, a file, --no-spill with --spill-dir, and other algorithms, before any work', async () => {
    const cases: [readonly string[], string][] = [
      [['--spill-dir', join(dir, 'absent')], `--spill-dir ${join(dir, 'absent')}: no such folder`],
      [['--spill-dir', file], `--spill-dir ${file}: is a file, not a folder`],
      [
        ['--spill-dir', dir, '--no-spill'],
        `--spill-dir ${dir}: contradicts --no-spill; give one of them`,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await fit('refused', args);
      expect(run.stderr).toBe(`mixkit: ${message}\n`);
      expect(run.status).toBe(2);
    }
    const kmeans = await runInProcess(['fit', file, '--algo', 'kmeans', '--no-spill']);
    expect(kmeans.stderr).toBe('mixkit: --no-spill applies to --algo em, not to --algo kmeans\n');
    expect(kmeans.status).toBe(2);
  });
});
