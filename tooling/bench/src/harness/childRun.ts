import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot } from './benchRoot.js';
import type { RunSample } from './types.js';

/** The built harness, which child runs execute (`--run-child`). */
export function builtCli(): string | undefined {
  const path = join(benchRoot(), 'dist', 'cli.js');
  return existsSync(path) ? path : undefined;
}

/**
 * Runs one contender of a case once in a fresh `node` process (the built harness in
 * `--run-child` mode) and returns its sample. For peers so slow or memory-hungry that they may
 * never finish: the child gets `timeoutSeconds` and up to 16 GiB of heap; past the time it is
 * killed and the run fails with a message saying so, and a crash (e.g. out of memory) fails
 * with its exit code or signal. Either failure becomes the row's reason.
 */
export function runInChild(
  cli: string,
  caseId: string,
  contenderId: string,
  size: string,
  cacheDir: string,
  timeoutSeconds: number,
): Promise<RunSample> {
  return new Promise<RunSample>((resolve, reject) => {
    const args = ['--max-old-space-size=16384', cli, '--run-child', caseId];
    args.push('--contender', contenderId, '--size', size, '--cache', cacheDir);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new Error(`did not finish within ${timeoutSeconds} s (stopped)`));
      const line = output.split('\n').find((l) => l.startsWith('RUN '));
      if (code !== 0 || !line) {
        const oom = /heap out of memory|Allocation failed/i.test(stderr)
          ? ' (JavaScript heap out of memory)'
          : '';
        return reject(new Error(`child exited with ${code ?? signal}${oom}`));
      }
      resolve(JSON.parse(line.slice('RUN '.length)) as RunSample);
    });
  });
}
