import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../..', import.meta.url).pathname;

interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  readonly private: boolean;
  readonly dependencies: Record<string, string>;
}

function readManifest(dir: string): Workspace {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return {
    dir,
    name: manifest.name,
    version: manifest.version,
    private: manifest.private === true,
    dependencies: manifest.dependencies ?? {},
  };
}

/** Every workspace folder (relative to the root) under packages/, apps/ and tooling/. */
function workspaceDirs(base: string): string[] {
  return ['packages', 'apps', 'tooling'].flatMap((group) =>
    existsSync(join(base, group))
      ? readdirSync(join(base, group))
          .map((name) => join(group, name))
          .filter((dir) => existsSync(join(base, dir, 'package.json')))
      : [],
  );
}

/** The packages a pending changeset names, with the bump it asks for. */
function pendingBumps(): Map<string, string> {
  const bumps = new Map<string, string>();
  for (const file of readdirSync(join(root, '.changeset'))) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const text = readFileSync(join(root, '.changeset', file), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    for (const line of front.split('\n')) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (match) bumps.set(match[1] as string, match[2] as string);
    }
  }
  return bumps;
}

/** Runs without a network where the kernel lets us make an empty network namespace. */
function offlinePrefix(): string[] {
  for (const prefix of [
    ['unshare', '-n'],
    ['unshare', '-rn'],
  ]) {
    const probe = spawnSync(prefix[0] as string, [...prefix.slice(1), 'true']);
    if (probe.status === 0) return prefix;
  }
  return [];
}

let copy = '';
let run: ReturnType<typeof spawnSync> | undefined;
let offline: string[] = [];

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'mixkit-release-'));
  // What `changeset version` reads and writes: the manifests and changelogs, the changesets,
  // the workspace file. node_modules is linked so that the configured changelog module loads.
  for (const file of ['package.json', 'pnpm-workspace.yaml']) {
    copyFileSync(join(root, file), join(copy, file));
  }
  mkdirSync(join(copy, '.changeset'));
  for (const file of readdirSync(join(root, '.changeset'))) {
    copyFileSync(join(root, '.changeset', file), join(copy, '.changeset', file));
  }
  for (const dir of workspaceDirs(root)) {
    mkdirSync(join(copy, dir), { recursive: true });
    for (const file of ['package.json', 'CHANGELOG.md']) {
      if (existsSync(join(root, dir, file)))
        copyFileSync(join(root, dir, file), join(copy, dir, file));
    }
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  offline = offlinePrefix();
  const command = [
    ...offline,
    process.execPath,
    join(root, 'node_modules/@changesets/cli/bin.js'),
    'version',
  ];
  run = spawnSync(command[0] as string, command.slice(1), {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 120_000,
  });
  // The spawned `changeset version` may wait for the CPU on a busy machine: the hook waits as
  // long as the spawn may run.
}, 130_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('changeset version on a copy of the repository', () => {
  it('succeeds with no network', () => {
    expect(offline.length, 'unshare could not make a network namespace here').toBeGreaterThan(0);
    expect(run?.error).toBeUndefined();
    expect(`${run?.stdout}${run?.stderr}`.length).toBeGreaterThan(0);
    expect(run?.status, `changeset version failed:\n${run?.stdout}\n${run?.stderr}`).toBe(0);
  });

  it('bumps every package a pending changeset names and writes its changelog entry', () => {
    const bumps = pendingBumps();
    expect(bumps.size).toBeGreaterThan(0);
    for (const dir of workspaceDirs(root)) {
      const before = readManifest(join(root, dir));
      const after = readManifest(join(copy, dir));
      if (!bumps.has(before.name)) continue;
      expect(after.version, `${before.name} was not bumped`).not.toBe(before.version);
      const changelog = readFileSync(join(copy, dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${after.version}`);
    }
  });

  it('consumes the changesets, keeps workspace ranges and leaves private workspaces alone', () => {
    const left = readdirSync(join(copy, '.changeset')).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    );
    expect(left).toEqual([]);
    for (const dir of workspaceDirs(root)) {
      const before = readManifest(join(root, dir));
      const after = readManifest(join(copy, dir));
      if (before.private) expect(after.version, relative(root, before.dir)).toBe(before.version);
      for (const [name, range] of Object.entries(before.dependencies)) {
        if (range.startsWith('workspace:')) expect(after.dependencies[name]).toBe(range);
      }
    }
  });
});
