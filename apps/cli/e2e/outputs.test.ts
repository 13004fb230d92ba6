import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv } from '../test/helpers/fixtureFiles.js';
import { writeBlobsCsv } from './helpers/writeBlobsCsv.js';
import { binPath, runMixkit } from './runMixkit.js';

/** Runs a failing command and checks the failure contract: one line, the status, no new file. */
function expectRefused(dir: string, args: string[], status: number, message: string): void {
  const before = readdirSync(dir).sort();
  const run = runMixkit(args, dir);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`mixkit: ${message}\n`);
  expect(run.status).toBe(status);
  expect(readdirSync(dir).sort()).toEqual(before);
}

describe('outputs never overwrite the input', () => {
  it('refuses the input as an output: same path, another spelling, a symlink, a hard link', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    symlinkSync(join(dir, 'iris.csv'), join(dir, 'alias.csv'));
    linkSync(join(dir, 'iris.csv'), join(dir, 'hard.csv'));
    const original = readFileSync(join(dir, 'iris.csv'), 'utf8');
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', 'iris.csv'],
      2,
      '--labels-out iris.csv: is the input file iris.csv; it would be overwritten',
    );
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--model-out', './iris.csv'],
      2,
      '--model-out ./iris.csv: is the input file iris.csv (under another name); it would be overwritten',
    );
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', 'alias.csv'],
      2,
      '--labels-out alias.csv: is the input file iris.csv (under another name); it would be overwritten',
    );
    expectRefused(
      dir,
      ['fit', 'alias.csv', '--labels-out', 'hard.csv'],
      2,
      '--labels-out hard.csv: is the input file alias.csv (under another name); it would be overwritten',
    );
    expect(runMixkit(['fit', 'iris.csv', '--ignore', 'species'], dir).status).toBe(0);
    expectRefused(
      dir,
      ['predict', 'iris.model.json', 'iris.csv', '--out', 'iris.model.json'],
      2,
      '--out iris.model.json: is the input file iris.model.json; it would be overwritten',
    );
    expect(readFileSync(join(dir, 'iris.csv'), 'utf8')).toBe(original);
  });

  it('refuses two outputs that are one file', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', 'out.csv', '--model-out', './out.csv'],
      2,
      '--model-out ./out.csv: the same file as out.csv, another output',
    );
  });
});

describe('unusable output paths are one line with status 2, before any work', () => {
  it('a folder, a path under a file, a missing folder, a folder that cannot be written', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    mkdirSync(join(dir, 'results'));
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', 'results'],
      2,
      '--labels-out results: is a folder; give a file name',
    );
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--model-out', 'iris.csv/model.json'],
      2,
      '--model-out iris.csv/model.json: a part of the path is a file, not a folder',
    );
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', 'nowhere/labels.csv'],
      2,
      '--labels-out nowhere/labels.csv: the folder nowhere does not exist',
    );
    // /sys refuses new files even to root (a permission bit would not stop root).
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', '/sys/labels.csv'],
      2,
      '--labels-out /sys/labels.csv: cannot write in /sys (permission denied)',
    );
    expectRefused(
      dir,
      ['fit', 'iris.csv', '--labels-out', '/dev/null'],
      2,
      '--labels-out /dev/null: is not a regular file (a device or a pipe); give a file name',
    );
    // A folder without write permission stops anyone but root; root is stopped by /sys above.
    if (process.getuid?.() !== 0) {
      mkdirSync(join(dir, 'locked'));
      chmodSync(join(dir, 'locked'), 0o500);
      expectRefused(
        dir,
        ['fit', 'iris.csv', '--labels-out', 'locked/l.csv'],
        2,
        '--labels-out locked/l.csv: cannot write in locked (permission denied)',
      );
      expect(readdirSync(join(dir, 'locked'))).toEqual([]);
    }
    expect(
      readdirSync(dir)
        .filter((name) => name !== 'locked')
        .sort(),
    ).toEqual(['iris.csv', 'results']);
  });

  it('a bad path is refused before the data is read (a missing input is not even opened)', () => {
    const dir = freshDir();
    expectRefused(
      dir,
      ['fit', 'absent.csv', '--labels-out', '.'],
      2,
      '--labels-out .: is a folder; give a file name',
    );
  });
});

describe('no failure leaves a partial or temporary file', () => {
  it('a failure after the outputs were staged removes them (bad data found late)', () => {
    const dir = freshDir();
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 7},${(i * 3) % 11}`);
    rows.push('5,x');
    writeFileSync(join(dir, 'late.csv'), `a,b\n${rows.join('\n')}\n`);
    expectRefused(
      dir,
      ['fit', 'late.csv', '--gaussian', 'b'],
      2,
      'late.csv, row 201 (line 202), column "b" (#2): "x" is not a number; use --categorical for a text column',
    );
    expectRefused(
      dir,
      ['fit', 'late.csv', '--k', '500', '--ignore', 'b'],
      2,
      '--k 500: more components than the 201 rows of late.csv',
    );
  });

  it('an interrupt (SIGINT) stops the fit, removes the temporary files and exits 130', async () => {
    const dir = freshDir();
    writeBlobsCsv(join(dir, 'blobs.csv'), 150_000);
    const child = spawn(binPath, ['fit', 'blobs.csv', '--out-of-core', 'always', '--k', '1..6'], {
      cwd: dir,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // Wait until the run has staged its outputs (temporary files exist), then interrupt it.
    const deadline = Date.now() + 60_000;
    const staged = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    while (staged().length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(staged()).toHaveLength(2);
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('mixkit: interrupted; no output was written\n');
    expect(status).toBe(130);
    expect(readdirSync(dir)).toEqual(['blobs.csv']);
  });
});

describe('the spill file of an out-of-core fit', () => {
  it('SIGTERM mid-fit (the spill written, the passes reading it) removes it and every temporary file', async () => {
    const dir = freshDir();
    const spill = join(dir, 'spill');
    mkdirSync(spill);
    const rows = 150_000;
    writeBlobsCsv(join(dir, 'blobs.csv'), rows);
    const child = spawn(
      binPath,
      ['fit', 'blobs.csv', '--out-of-core', 'always', '--k', '1..6', '--spill-dir', 'spill'],
      { cwd: dir },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // The spill is complete at 3 columns x 8 bytes a row; wait for that, then terminate.
    const complete = rows * 3 * 8;
    const size = () => {
      const [name] = readdirSync(spill);
      try {
        return name === undefined ? 0 : statSync(join(spill, name)).size;
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 60_000;
    while (size() < complete && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(readdirSync(spill)).toEqual([
      expect.stringMatching(/^mixkit-spill\.\d+\.[0-9a-f]{8}\.tmp$/),
    ]);
    expect(size()).toBe(complete);
    child.kill('SIGTERM');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('mixkit: interrupted; no output was written\n');
    expect(status).toBe(130);
    expect(readdirSync(spill)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['blobs.csv', 'spill']);
  });
});

describe('a closed stdout ends quietly', () => {
  it('a reader that goes away (`| head`) gives no EPIPE crash and no stderr', async () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    const child = spawn(binPath, ['fit', 'iris.csv', '--ignore', 'species', '--json'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Close our end of the pipe before the report is written, as `head` does once it has
    // read its lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(existsSync(join(dir, 'iris.labels.csv'))).toBe(true);
  });
});
