import { Presets, SingleBar } from 'cli-progress';

/** Progress over a known number of steps (EM or k-means iterations across fits and restarts). */
export interface Progress {
  /** Marks `done` of the total steps as finished. */
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A bar on `stream` (stderr when it is a terminal), or a no-op when there is no terminal, so
 * piped and redirected runs print no control characters. The bar appears only once a fit has
 * run for `delayMs`, so short fits stay quiet.
 */
export function createProgress(
  stream: NodeJS.WriteStream | undefined,
  total: number,
  label: string,
  delayMs = 300,
): Progress {
  if (stream === undefined || total <= 0) return silent;
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done) {
      if (bar === undefined) {
        if (Date.now() - started < delayMs) return;
        bar = new SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} iterations | {duration_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(Math.min(done, total));
    },
    stop() {
      bar?.stop();
    },
  };
}
