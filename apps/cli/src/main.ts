import { runCli } from './runCli.js';

// The `mixkit` bin: the process streams, and a progress bar only when stderr is a terminal.
process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progressStream: process.stderr.isTTY ? process.stderr : undefined,
});
