import { Worker } from 'node:worker_threads';
import type { MemorySample } from './types.js';

// The sampler runs on its own thread, so it keeps reading the process's resident set size while
// the main thread is busy inside a synchronous fit. RSS is process-wide, so a worker sees the
// main thread's allocations (typed arrays live outside the V8 heap and would be missed by
// heapUsed).
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
const peak = new Float64Array(workerData.peak);
parentPort.postMessage('ready');
for (;;) {
  const s = Atomics.load(state, 0);
  if (s === 2) break;
  if (s === 1) {
    const rss = process.memoryUsage.rss();
    if (rss > peak[0]) peak[0] = rss;
  }
  Atomics.wait(state, 0, s, 1);
}
parentPort.postMessage('done');
`;

/**
 * Runs `fn` once and returns the peak resident set size above the RSS just before it, sampled
 * every millisecond from a worker thread. Call `global.gc` first when available (the probe
 * process runs with --expose-gc) so the baseline holds no garbage.
 */
export async function measurePeakRss(fn: () => unknown): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const state = new SharedArrayBuffer(4);
  const peakBuffer = new SharedArrayBuffer(8);
  const worker = new Worker(SAMPLER, { eval: true, workerData: { state, peak: peakBuffer } });
  const flags = new Int32Array(state);
  const peak = new Float64Array(peakBuffer);
  await new Promise((resolve) => worker.once('message', resolve));
  const baseline = process.memoryUsage.rss();
  peak[0] = baseline;
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  try {
    await fn();
  } finally {
    peak[0] = Math.max(peak[0], process.memoryUsage.rss());
    Atomics.store(flags, 0, 2);
    Atomics.notify(flags, 0);
    await new Promise((resolve) => worker.once('exit', resolve));
  }
  return {
    peakBytes: Math.max(0, peak[0] - baseline),
    method: `peak RSS above the pre-run RSS, sampled every 1 ms${gc ? ' after gc()' : ''}`,
  };
}
