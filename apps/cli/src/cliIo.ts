/**
 * Where a command writes. The bin passes the process streams; tests pass buffers, so the whole
 * command runs in-process against sources.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A terminal to draw the progress bar on, or undefined (not a TTY: no bar). */
  readonly progressStream?: NodeJS.WriteStream;
}
