/** What `abortMidFit` saw. */
export interface AbortMidFit {
  /** What the fit rejected with (undefined if it resolved). */
  readonly error: unknown;
  /** Wall-clock milliseconds from the abort to the fit's end (NaN if it ended before). */
  readonly stoppedMs: number;
  /**
   * Milliseconds of this process's CPU time from the abort to the fit's end: the work done after
   * the abort, whatever else loads the machine (NaN if the fit ended before the abort).
   */
  readonly cpuMs: number;
  /**
   * Milliseconds of this process's CPU time from the call of `run` to the abort: about `afterMs`
   * when the fit yields to the event loop, the whole fit when it never does (the timer that
   * aborts cannot fire until it yields).
   */
  readonly cpuBeforeAbortMs: number;
}

/**
 * Runs an async fit (`run`) with a signal that aborts `afterMs` into it (the pattern of the workers'
 * `abortAfter`), and measures how long it went on: the measure of "an abort stops the work
 * within about 100 ms". The timer can only fire if the fit yields to the event loop.
 */
export async function abortMidFit(
  afterMs: number,
  run: (signal: AbortSignal) => Promise<unknown>,
): Promise<AbortMidFit> {
  const controller = new AbortController();
  let abortedAt = Number.NaN;
  let cpuAtAbort: NodeJS.CpuUsage | undefined;
  const cpuAtStart = process.cpuUsage();
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    cpuAtAbort = process.cpuUsage();
    controller.abort();
  }, afterMs);
  try {
    const error = await run(controller.signal).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const stoppedMs = performance.now() - abortedAt;
    if (cpuAtAbort === undefined)
      return { error, stoppedMs, cpuMs: Number.NaN, cpuBeforeAbortMs: Number.NaN };
    const after = process.cpuUsage(cpuAtAbort);
    const before = process.cpuUsage(cpuAtStart);
    const cpuMs = (after.user + after.system) / 1000;
    return {
      error,
      stoppedMs,
      cpuMs,
      cpuBeforeAbortMs: (before.user + before.system) / 1000 - cpuMs,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts the ticks of an `everyMs` interval timer while `run` runs, and the longest gap between
 * two of them: a fit that never yields to the event loop gets no tick at all.
 */
export async function timerTicksDuring<T>(
  everyMs: number,
  run: () => Promise<T>,
): Promise<{ readonly result: T; readonly ticks: number; readonly longestGapMs: number }> {
  let ticks = 0;
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, everyMs);
  try {
    const result = await run();
    longestGapMs = Math.max(longestGapMs, performance.now() - last);
    return { result, ticks, longestGapMs };
  } finally {
    clearInterval(timer);
  }
}
