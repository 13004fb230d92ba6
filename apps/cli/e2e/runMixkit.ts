import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin, run exactly as a user's shell would run it (through its shebang). */
export const binPath = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface MixkitRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `mixkit <args>` in `cwd` with piped (non-TTY) streams. */
export function runMixkit(args: readonly string[], cwd?: string): MixkitRun {
  const result = spawnSync(binPath, [...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
