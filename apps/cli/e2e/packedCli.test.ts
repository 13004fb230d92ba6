import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npx @mixkit/cli fit data.csv` as a user would run it after `npm install @mixkit/cli`: the CLI
// and the @mixkit packages it needs are packed exactly as `pnpm publish` packs them (workspace:^
// rewritten to a caret range), installed by npm into an empty folder, and run through npx. No
// network: npm runs --offline, and the third-party packages come as tarballs packed from the
// workspace's own install, so npm resolves every range against the tarballs it was given.

const cliDir = fileURLToPath(new URL('..', import.meta.url));

interface Found {
  readonly name: string;
  readonly dir: string;
  readonly workspace: boolean;
}

/** Where `name` resolves from `fromDir`, by Node's walk up through node_modules folders. */
function resolvePackageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`cannot resolve ${name} from ${fromDir}`);
  }
}

/** The CLI's runtime dependency closure (its `dependencies`, recursively), deduplicated by folder. */
function runtimeClosure(): Found[] {
  const found = new Map<string, Found>();
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const depDir = resolvePackageDir(name, dir);
      if (found.has(depDir)) continue;
      found.set(depDir, { name, dir: depDir, workspace: !depDir.includes('/node_modules/') });
      visit(depDir);
    }
  };
  visit(cliDir);
  return [...found.values()];
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, ...env },
  });
  if (result.error) throw result.error;
  return result;
}

function mustRun(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv) {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

let work = '';
// A setup failure is kept and rethrown by every test, so each one FAILS with the reason (a
// throwing beforeAll would only mark them skipped).
let setupError: unknown;
let app = '';
let closure: Found[] = [];
// A private npm cache: nothing the user's cache holds can make the install pass.
const npmEnv = (): NodeJS.ProcessEnv => ({
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_yes: 'true',
});

beforeAll(() => {
  try {
    install();
  } catch (error) {
    setupError = error;
  }
}, 300_000);

function ready(): void {
  if (setupError !== undefined) throw setupError;
}

function install(): void {
  work = mkdtempSync(join(tmpdir(), 'mixkit-packed-cli-'));
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  closure = runtimeClosure();
  for (const found of [{ name: '@mixkit/cli', dir: cliDir, workspace: true }, ...closure]) {
    if (found.workspace) {
      mustRun(
        'npx',
        ['--yes', '--prefer-offline', 'pnpm@12.4.2', 'pack', '--pack-destination', tarballs],
        found.dir,
      );
    } else {
      // npm will not pack a folder inside node_modules; a copy of the installed (published) files.
      const copy = join(work, 'sources', found.name);
      cpSync(found.dir, copy, { recursive: true, dereference: true });
      mustRun(
        'npm',
        ['pack', copy, '--ignore-scripts', '--pack-destination', tarballs],
        work,
        npmEnv(),
      );
    }
  }
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "try-mixkit", "private": true }\n');
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  mustRun('npm', ['install', '--ignore-scripts', '--no-package-lock', ...files], app, npmEnv());
  copyFileSync(join(cliDir, 'examples/faithful.csv'), join(app, 'data.csv'));
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed CLI, installed from tarballs into an empty folder', () => {
  it('packs the CLI with every @mixkit package it needs, with caret ranges between them', () => {
    ready();
    const names = closure.filter((found) => found.workspace).map((found) => found.name);
    expect(names).toContain('@mixkit/core');
    expect(names).toContain('@mixkit/em');
    const installed = JSON.parse(
      readFileSync(join(app, 'node_modules/@mixkit/cli/package.json'), 'utf8'),
    );
    expect(installed.private).toBeUndefined();
    for (const [name, range] of Object.entries<string>(installed.dependencies)) {
      expect(range, name).toMatch(/^\^\d/);
    }
    // Installed from the tarballs, not linked back into the workspace.
    expect(realpathSync(join(app, 'node_modules/@mixkit/core')).startsWith(app)).toBe(true);
    expect(existsSync(join(app, 'node_modules/@mixkit/cli/LICENSE'))).toBe(true);
  });

  it('runs `npx @mixkit/cli fit data.csv`: a fit, a labels file and a model file', () => {
    ready();
    const result = run(
      'npx',
      ['@mixkit/cli', 'fit', 'data.csv', '--k', '2', '--seed', '1'],
      app,
      npmEnv(),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/log-likelihood/i);
    const labels = readFileSync(join(app, 'data.labels.csv'), 'utf8').trim().split('\n');
    expect(labels).toHaveLength(273);
    expect(new Set(labels.slice(1))).toEqual(new Set(['0', '1']));
    expect(existsSync(join(app, 'data.model.json'))).toBe(true);
  });

  it('reports a bad cell with its row, line and column', () => {
    ready();
    writeFileSync(join(app, 'bad.csv'), 'a,b\n1,2\n3,x\n5,6\n');
    const result = run(
      'npx',
      ['@mixkit/cli', 'fit', 'bad.csv', '--gaussian', 'b', '--k', '1'],
      app,
      npmEnv(),
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'mixkit: bad.csv, row 2 (line 3), column "b" (#2): "x" is not a number; use --categorical for a text column\n',
    );
  });
});
