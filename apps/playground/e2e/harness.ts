import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';

export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = join(appDir, 'e2e', '__screenshots__');

/** The Chromium the tests drive: CI exports CHROMIUM_PATH; Debian's package is the default. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Serves the built app with vite's preview server, in this process, on a free port. turbo's
 * `e2e` task depends on `build`; when the tests are run by hand without a build, this builds
 * once first rather than serving nothing. `isolated: false` serves it without the
 * cross-origin-isolation headers (vite.config.ts reads PLAYGROUND_ISOLATION as it loads).
 */
export async function startPreview(
  options: { readonly isolated?: boolean } = {},
): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync(join(appDir, 'dist', 'index.html'))) {
    await build({ root: appDir, logLevel: 'warn' });
  }
  const previous = process.env.PLAYGROUND_ISOLATION;
  if (options.isolated === false) process.env.PLAYGROUND_ISOLATION = 'off';
  const server = await preview({
    root: appDir,
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  }).finally(() => {
    if (previous === undefined) delete process.env.PLAYGROUND_ISOLATION;
    else process.env.PLAYGROUND_ISOLATION = previous;
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  return { server, url };
}

/**
 * Launches headless Chromium. A missing browser is a test FAILURE with instructions, never a
 * skip: a green run must mean the page was really exercised.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. The playground's browser tests need it: ` +
        'install it (Debian: apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Never --user-data-dir: launch() creates a fresh temporary profile itself.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The machine-readable record of a finished fit, as the page exposes it on `#fit-result`. */
export interface PageResult {
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly labels: number[];
  readonly kmeansLabels: number[];
  readonly kmeansInertia: number;
}

/** Waits for the page's fit to finish and reads its result. Fails on a fit error. */
export async function readResult(page: Page): Promise<PageResult> {
  await page.waitForSelector('#fit-result[data-status="done"], #fit-result[data-status="error"]');
  const record = await page.$eval('#fit-result', (element) => ({
    ...(element as HTMLElement).dataset,
  }));
  if (record.status !== 'done') {
    const message = await page.textContent('#fit-result');
    throw new Error(`the page's fit failed: ${message}`);
  }
  const numbers = (text: string | undefined) => (text ? text.split(',').map(Number) : []);
  return {
    logLikelihood: Number(record.logLikelihood),
    iterations: Number(record.iterations),
    converged: record.converged === 'true',
    labels: numbers(record.labels),
    kmeansLabels: numbers(record.kmeansLabels),
    kmeansInertia: Number(record.kmeansInertia),
  };
}

/** Jumps the player to the last snapshot and waits until the page shows it. */
export async function showLastIteration(page: Page): Promise<number> {
  await page.click('#playback button[name="last"]');
  await page.waitForFunction(() => {
    const player = document.getElementById('playback');
    return (
      player?.dataset.playing === 'false' &&
      Number(player.dataset.shown) === Number(player.dataset.length) - 1
    );
  });
  const last = Number(await page.getAttribute('#playback', 'data-shown'));
  await waitForStep(page, last);
  return last;
}

/** Waits until the plots on screen show snapshot `step` (they redraw on the next frame). */
export async function waitForStep(page: Page, step: number): Promise<void> {
  await page.waitForSelector(`#stage[data-shown="${step}"]`);
}

/** Fill colors of the data points drawn in a panel's scatter plot, in data order. */
export async function pointFills(page: Page, panel: string): Promise<string[]> {
  return page.$$eval(`${panel} g.data-points circle`, (circles) =>
    circles.map((circle) => circle.getAttribute('fill') ?? ''),
  );
}

/** The page's main-thread tasks over a stretch of time, from a Chromium trace. */
export interface MainThreadTasks {
  /** Tasks on the renderer's main thread: wall and thread-CPU duration, in ms. */
  readonly tasks: readonly { readonly wall: number; readonly cpu: number }[];
  /** The longest task's CPU time (ms): what the page itself spent. */
  readonly longestCpu: number;
  /**
   * How much the machine stretched the page's tasks: their summed wall time over their summed
   * CPU time (1 on an idle machine; 5 when other processes get most of the cores).
   */
  readonly stretch: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Trace events are untyped JSON; these are the fields read here. */
function isTraceEvent(value: unknown): value is TraceEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event.name === 'string' &&
    typeof event.ph === 'string' &&
    typeof event.pid === 'number' &&
    typeof event.tid === 'number'
  );
}

/**
 * Runs `action` while Chromium traces the page, and returns the main thread's tasks with their
 * thread-CPU times. A long task's wall time (what a `longtask` observer reports) includes the time
 * the thread waited for a core; on a shared machine that is the machine's share, not the page's.
 */
export async function traceMainThread(
  page: Page,
  action: () => Promise<void>,
): Promise<MainThreadTasks> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    for (const value of data.value) if (isTraceEvent(value)) events.push(value);
  });
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    categories: 'toplevel,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const main = events.find(
    (event) =>
      event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  if (!main) throw new Error('the trace has no renderer main thread');
  const tasks = events
    .filter(
      (event) =>
        event.ph === 'X' &&
        event.name === 'RunTask' &&
        event.pid === main.pid &&
        event.tid === main.tid &&
        event.dur !== undefined &&
        event.tdur !== undefined,
    )
    .map((event) => ({ wall: (event.dur as number) / 1000, cpu: (event.tdur as number) / 1000 }));
  if (tasks.length === 0)
    throw new Error('the trace recorded no main-thread task with its CPU time');
  let wall = 0;
  let cpu = 0;
  for (const task of tasks) {
    wall += task.wall;
    cpu += task.cpu;
  }
  return {
    tasks,
    longestCpu: Math.max(...tasks.map((task) => task.cpu)),
    stretch: cpu > 0 ? wall / cpu : 1,
  };
}
