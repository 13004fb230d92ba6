import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * An e2e global setup's one job: make sure `workspace` and the packages it imports are built and
 * that `artefact` (a path from the repo root) exists. Under turbo (`e2e` depends on `build`, and
 * turbo sets TURBO_HASH for its tasks) that already happened, and building again would race with
 * turbo's other tasks; run directly, this builds through turbo's cache.
 */
export function ensureBuilt(workspace: string, artefact: string): void {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: turbo sets TURBO_HASH itself; it tells whether turbo is running us, it is not an input.
  if (process.env.TURBO_HASH === undefined) {
    const result = spawnSync(
      process.execPath,
      [
        `${root}tooling/scripts/turbo.mjs`,
        'run',
        'build',
        `--filter=${workspace}...`,
        '--output-logs=errors-only',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error(`building ${workspace} and its dependencies failed`);
  }
  if (!existsSync(`${root}${artefact}`)) {
    throw new Error(`${artefact} is missing: run the build first`);
  }
}
