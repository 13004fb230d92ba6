import { runCli } from '../../src/runCli.js';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in-process (sources, no build), capturing its output. */
export function runInProcess(args: readonly string[]): CliRun {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
}
