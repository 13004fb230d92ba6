/**
 * Runs `fit` with a signal that aborts after `afterMs`, and gives back what the fit rejected
 * with (undefined if it resolved) and the milliseconds from the abort to that moment: the
 * measure of "an abort stops the work within about 100 ms".
 */
export async function abortAfter(
  afterMs: number,
  fit: (signal: AbortSignal) => Promise<unknown>,
): Promise<{ readonly error: unknown; readonly stoppedMs: number }> {
  const controller = new AbortController();
  let abortedAt = Number.NaN;
  controller.signal.addEventListener('abort', () => {
    abortedAt = performance.now();
  });
  const timer = setTimeout(() => controller.abort(), afterMs);
  try {
    const error = await fit(controller.signal).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, stoppedMs: performance.now() - abortedAt };
  } finally {
    clearTimeout(timer);
  }
}
