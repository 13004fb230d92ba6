import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Makes sure the demo scripts and the packages it imports are built. Under turbo (`e2e` depends on
 * `build`, and turbo sets TURBO_HASH for its tasks) that already happened, and building again
 * here would race with turbo's other tasks; run directly, this builds through turbo's cache.
 */
export default function setup(): void {
  if (process.env.TURBO_HASH === undefined) {
    const result = spawnSync(
      process.execPath,
      [
        `${root}tooling/scripts/turbo.mjs`,
        'run',
        'build',
        '--filter=@mixkit/demos...',
        '--output-logs=errors-only',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error('building @mixkit/demos and its dependencies failed');
  }
  if (!existsSync(`${appDir}dist/headline.js`)) {
    throw new Error('apps/demos/dist/headline.js is missing: run the build first');
  }
}
