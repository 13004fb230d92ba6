/**
 * Where a command writes, and what stops it. The bin passes the process streams and an abort
 * signal raised by Ctrl-C (SIGINT) or SIGTERM; tests pass buffers, so the whole command runs
 * in-process against sources.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A terminal to draw progress bars on, or undefined (not a TTY: no bar). */
  readonly progressStream?: NodeJS.WriteStream;
  /** Aborted when the user interrupts: the command stops and writes nothing. */
  readonly signal?: AbortSignal;
}
