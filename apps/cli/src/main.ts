import { runCli } from './runCli.js';

// The `mixkit` bin: the process streams, a progress bar only when stderr is a terminal, and an
// abort signal for Ctrl-C and SIGTERM (the command stops at its next step and removes its
// temporary files; a second signal ends the process at once).
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    controller.abort(new Error(signal));
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

// A reader that goes away (`mixkit fit ... | head`) closes the pipe: stop writing to it and end
// quietly, rather than crash on EPIPE.
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed[name] = true;
  });
}
const write = (name: 'stdout' | 'stderr') => (text: string) => {
  if (!closed[name]) process[name].write(text);
};

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: write('stdout'),
  stderr: write('stderr'),
  progressStream: process.stderr.isTTY ? process.stderr : undefined,
  signal: controller.signal,
});
