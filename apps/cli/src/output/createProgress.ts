import { Presets, SingleBar } from 'cli-progress';

/** Progress over a known number of steps (iterations of fits, or bytes of a file read). */
export interface Progress {
  /** Marks `done` of the total steps as finished. */
  update(done: number): void;
  stop(): void;
}

/** What the steps of a progress bar count. */
export type ProgressUnit = 'iterations' | 'bytes';

const silent: Progress = { update() {}, stop() {} };

/** `12.3 MB`: bytes for people (powers of 1000, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * A bar on `stream` (stderr when it is a terminal), or a no-op when there is no terminal, so
 * piped and redirected runs print no control characters. The bar appears only once the work
 * has run for `delayMs`, so short steps stay quiet.
 */
export function createProgress(
  stream: NodeJS.WriteStream | undefined,
  total: number,
  label: string,
  delayMs = 300,
  unit: ProgressUnit = 'iterations',
): Progress {
  if (stream === undefined || total <= 0) return silent;
  const started = Date.now();
  let bar: SingleBar | undefined;
  const counts = (done: number) =>
    unit === 'bytes'
      ? { counts: `${formatBytes(done)} of ${formatBytes(total)}` }
      : { counts: `${done}/${total} iterations` };
  return {
    update(done) {
      const value = Math.min(done, total);
      if (bar === undefined) {
        if (Date.now() - started < delayMs) return;
        bar = new SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {counts} | {duration_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, value, counts(value));
      }
      bar.update(value, counts(value));
    },
    stop() {
      bar?.stop();
    },
  };
}
