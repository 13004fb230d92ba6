import { readFileSync } from 'node:fs';

/**
 * The CLI's version, from its own package.json (one directory above both `src/` and the built
 * `dist/`, and always shipped in the package), so `mixkit --version` cannot drift from it.
 */
export function cliVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
