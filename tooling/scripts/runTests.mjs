#!/usr/bin/env node
// The test command: builds, type-checks, lints, checks the packed packages, and runs every
// package's and app's tests through turbo; then sums the vitest JSON reports of all
// workspaces into one closing line `N passed, N failed` (vitest's own summary is per package).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const groups = ['packages', 'apps', 'tooling'];
const reportNames = [
  '.vitest-results.json',
  '.vitest-results.e2e.json',
  '.vitest-results.smoke.json',
];

/** Every workspace with a package.json, and which of the test-like scripts it declares. */
function workspaces() {
  const found = [];
  for (const group of groups) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const manifest = join(dir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
      found.push({ dir: join(dir, name), label: `${group}/${name}`, scripts });
    }
  }
  return found;
}

const all = workspaces();
// Stale reports from an earlier run must not be counted; turbo restores cached ones.
for (const ws of all) for (const r of reportNames) rmSync(join(ws.dir, r), { force: true });

const tasks = ['build', 'typecheck', 'lint', 'test', 'checkpack', 'e2e', 'smoke'];
const turbo = spawnSync(
  process.execPath,
  [
    join(root, 'tooling/scripts/turbo.mjs'),
    'run',
    ...tasks,
    '--continue=always',
    '--log-order=grouped',
    '--output-logs=errors-only',
    '--concurrency=2',
    // Each task's start and end in .turbo/runs/<id>.json, to see where a slow run spent its time.
    '--summarize',
  ],
  { stdio: 'inherit', cwd: root },
);

let passed = 0;
let failed = 0;
const problems = [];
for (const ws of all) {
  const expected = [
    ['test', '.vitest-results.json'],
    ['e2e', '.vitest-results.e2e.json'],
    ['smoke', '.vitest-results.smoke.json'],
  ].filter(([script]) => ws.scripts[script]);
  for (const [script, file] of expected) {
    const path = join(ws.dir, file);
    if (!existsSync(path)) {
      problems.push(`${ws.label}: '${script}' wrote no report (it crashed or did not run)`);
      failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    if ((report.numTotalTests ?? 0) === 0) problems.push(`${ws.label}: '${script}' ran no test`);
    if (report.numFailedTestSuites > 0 && !report.numFailedTests) {
      problems.push(`${ws.label}: a test file failed to load`);
      failed += report.numFailedTestSuites;
    }
    console.log(
      `${ws.label} ${script}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
    );
  }
}
// A failed build, type check, lint or package check is a failure too, so the closing line never
// reads "0 failed" on a run that failed.
if (turbo.status !== 0) {
  problems.push(
    `turbo exited with status ${turbo.status} (a build, typecheck, lint or checkpack task failed; see above)`,
  );
  failed += 1;
}
for (const p of problems) console.log(`problem: ${p}`);
const ok = failed === 0 && problems.length === 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
