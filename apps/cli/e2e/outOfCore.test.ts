import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv } from '../test/helpers/fixtureFiles.js';
import { writeBlobsCsv } from './helpers/writeBlobsCsv.js';
import { binPath, runMixkit } from './runMixkit.js';

// Out-of-core fitting of a file several times larger than the V8 heap given to Node, compared
// with the same fit in memory. Sizes are kept modest for CI: 2.5 million rows (~57 MB of CSV, a
// 60 MB matrix) against a 24 MB heap; on the 2-core development machine under heavy load
// (load average ~16) the out-of-core run took about 75 s and the in-memory one about 40 s.

// 24 MB: the CLI's own code (every algorithm's package) takes about 8 MB of heap; at 16 MB the
// streamed fit's GC ran out of headroom on a loaded machine (CI, load ~10) now and then.
const HEAP_MB = 24;
const ROWS = 2_500_000;
const preload = fileURLToPath(new URL('./helpers/maxRss.mjs', import.meta.url));

interface Fit {
  readonly status: number | null;
  readonly stderr: string;
  readonly terminal: string;
  readonly report: {
    storage: string;
    rows: number;
    logLikelihood: number;
    converged: boolean;
    components: {
      size: number;
      weight: number;
      params: { mean: number[]; covariance: number[][] };
    }[];
  };
  /** Peak resident memory in bytes. */
  readonly maxRss: number;
  readonly labels: string[];
}

/** `script` runs a command on a pseudo-terminal (util-linux); without it, no TTY check. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs `mixkit fit big.csv` under `node --max-old-space-size=HEAP_MB` with the peak-memory preload;
 * the report goes to a file; stderr goes to a pseudo-terminal when `tty` (to see progress).
 */
function fitBig(dir: string, name: string, args: readonly string[], tty: boolean): Fit {
  const rssFile = join(dir, `${name}.rss`);
  const command = [
    process.execPath,
    `--max-old-space-size=${HEAP_MB}`,
    '--import',
    preload,
    binPath,
    'fit',
    'big.csv',
    '--k',
    '3',
    '--json',
    '--labels-out',
    `${name}.labels.csv`,
    '--model-out',
    `${name}.model.json`,
    ...args,
  ];
  const env = { ...process.env, MIXKIT_MAX_RSS_FILE: rssFile };
  const quoted = command.map((word) => `'${word}'`).join(' ');
  const result =
    tty && hasScript
      ? spawnSync('script', ['-qec', `${quoted} > ${name}.json`, '/dev/null'], {
          cwd: dir,
          env,
          encoding: 'utf8',
          timeout: 480_000,
        })
      : spawnSync('sh', ['-c', `${quoted} > ${name}.json`], {
          cwd: dir,
          env,
          encoding: 'utf8',
          timeout: 480_000,
        });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${name} fit exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  const labels = readFileSync(join(dir, `${name}.labels.csv`), 'utf8')
    .trimEnd()
    .split('\n');
  return {
    status: result.status,
    stderr: result.stderr,
    terminal: result.stdout,
    report: JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')),
    maxRss: Number(readFileSync(rssFile, 'utf8')) * 1024,
    labels,
  };
}

/** Two JSON values equal up to rounding: same shape, numbers within 1e-9 relative. */
function expectClose(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  } else if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((value, i) => {
      expectClose(value, b[i], `${path}[${i}]`);
    });
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const [key, value] of Object.entries(a)) {
      expectClose(value, (b as Record<string, unknown>)[key], `${path}.${key}`);
    }
  } else {
    expect(a, path).toEqual(b);
  }
}

let dir = '';
let size = 0;
let streamed: Fit;
let loaded: Fit;
// A setup failure is kept and rethrown by every test, so each one FAILS with the reason (a
// throwing beforeAll would only mark them skipped).
let setupError: unknown;

beforeAll(() => {
  try {
    dir = freshDir();
    size = writeBlobsCsv(join(dir, 'big.csv'), ROWS);
    // --memory-limit 16 (MiB) is below the data's 60 MB: auto chooses out of core.
    streamed = fitBig(dir, 'streamed', ['--memory-limit', '16'], true);
    loaded = fitBig(dir, 'loaded', ['--out-of-core', 'never'], false);
  } catch (error) {
    setupError = error;
  }
}, 900_000);

function ready(): void {
  if (setupError !== undefined) throw setupError;
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a file several times larger than the heap, fitted out of core', () => {
  it('fits out of core under a 24 MB heap (the file is more than twice as large)', () => {
    ready();
    expect(size).toBeGreaterThan(2 * HEAP_MB * 2 ** 20);
    expect(streamed.stderr).toBe('');
    expect(streamed.status).toBe(0);
    expect(streamed.report.storage).toBe('out-of-core');
    expect(streamed.report.rows).toBe(ROWS);
    expect(streamed.report.converged).toBe(true);
  });

  it('gives the same model as the in-memory fit of the same file', () => {
    ready();
    expect(loaded.status).toBe(0);
    expect(loaded.report.storage).toBe('memory');
    // The two fits start from different rows (out of core: the leading 8 MiB of data), so
    // their components may come in another order: match them by their means.
    const order = streamed.report.components.map((component) =>
      loaded.report.components.findIndex((other) =>
        other.params.mean.every((value, j) => Math.abs(value - component.params.mean[j]) < 1),
      ),
    );
    expect([...order].sort()).toEqual([0, 1, 2]);
    streamed.report.components.forEach((component, c) => {
      const other = loaded.report.components[order[c]];
      expect(component.size).toBe(other.size);
      expect(component.weight).toBeCloseTo(other.weight, 12);
      component.params.mean.forEach((value, j) => {
        expect(value).toBeCloseTo(other.params.mean[j], 9);
      });
      component.params.covariance.forEach((row, i) => {
        row.forEach((value, j) => {
          expect(value).toBeCloseTo(other.params.covariance[i][j], 9);
        });
      });
    });
    expect(streamed.report.logLikelihood).toBeCloseTo(loaded.report.logLikelihood, 3);
    // Every row gets the same component, up to that renumbering.
    expect(streamed.labels.length).toBe(ROWS + 1);
    const renumber = (label: string) => String(order[Number(label)]);
    let differing = 0;
    for (let i = 1; i <= ROWS; i++) {
      if (renumber(streamed.labels[i]) !== loaded.labels[i]) differing++;
    }
    expect(differing).toBe(0);
  });

  it('holds the data out of memory: the in-memory fit needed the matrix more', () => {
    ready();
    const matrixBytes = ROWS * 3 * 8;
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    console.info(
      `peak RSS with a ${HEAP_MB} MB heap on a ${mb(size)} file (matrix ${mb(matrixBytes)}): out of core ${mb(streamed.maxRss)}, in memory ${mb(loaded.maxRss)}`,
    );
    expect(loaded.maxRss - streamed.maxRss).toBeGreaterThan(0.5 * matrixBytes);
  });

  it.skipIf(!hasScript)('shows progress on a terminal while reading and while fitting', () => {
    ready();
    expect(streamed.terminal).toMatch(
      /reading big\.csv \[[^\]]*\] \d+% \| [\d.]+ [kM]B of [\d.]+ MB/,
    );
    expect(streamed.terminal).toMatch(
      /mixkit fit \(out of core\) \[[^\]]*\] \d+% \| \d+\/\d+ iterations/,
    );
  });
});

describe('out of core and in memory agree exactly where the start is the same', () => {
  it('on a file within the initialisation sample: the same labels and parameters', () => {
    const small = freshDir();
    writeIrisCsv(small);
    const fit = (mode: string) => {
      const run = runMixkit(
        [
          'fit',
          'iris.csv',
          '--label',
          'species',
          '--k',
          '1..4',
          '--covariance',
          'full,diag',
          '--proba',
          '--json',
          '--out-of-core',
          mode,
          '--labels-out',
          `${mode}.csv`,
          '--model-out',
          `${mode}.json`,
        ],
        small,
      );
      expect(run.status, run.stderr).toBe(0);
      return {
        report: JSON.parse(run.stdout),
        labels: readFileSync(join(small, `${mode}.csv`), 'utf8'),
      };
    };
    const streamedFit = fit('always');
    const loadedFit = fit('never');
    expect(streamedFit.report.storage).toBe('out-of-core');
    expect(loadedFit.report.storage).toBe('memory');
    expect(streamedFit.labels).toBe(loadedFit.labels);
    expect(streamedFit.report.selection.rows.map((r: { chosen: boolean }) => r.chosen)).toEqual(
      loadedFit.report.selection.rows.map((r: { chosen: boolean }) => r.chosen),
    );
    streamedFit.report.selection.rows.forEach((row: { score: number }, i: number) => {
      expect(row.score).toBeCloseTo(loadedFit.report.selection.rows[i].score, 8);
    });
    expect(streamedFit.report.agreement.ari).toBe(loadedFit.report.agreement.ari);
    expectClose(streamedFit.report.components, loadedFit.report.components);
  });
});
