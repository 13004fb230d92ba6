import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Formats written JSON reports with the repository's Biome (a root dev dependency), so a
 * committed `results/latest.json` passes `biome check .`. Best effort: returns why it could not
 * (Biome not installed, e.g. outside the monorepo) instead of failing the run.
 */
export function formatJsonWithBiome(paths: readonly string[]): string | undefined {
  let bin: string;
  try {
    bin = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  } catch {
    return 'Biome not found; results JSON left as written';
  }
  const result = spawnSync(process.execPath, [bin, 'format', '--write', ...paths], {
    encoding: 'utf8',
  });
  return result.status === 0 ? undefined : `biome format failed: ${result.stderr.trim()}`;
}
