import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `tooling/bench` folder, found by walking up from this module to the package.json named
 * `@mixkit/bench`; works from `src/` (vitest) and from the bundled `dist/cli.js` alike.
 */
export function benchRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === '@mixkit/bench') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @mixkit/bench package folder');
    dir = parent;
  }
}
