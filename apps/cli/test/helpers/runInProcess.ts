import { runCli } from '../../src/runCli.js';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in-process (sources, no build), capturing its output. */
export async function runInProcess(args: readonly string[], signal?: AbortSignal): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    ...(signal === undefined ? {} : { signal }),
  });
  return { status, stdout, stderr };
}
