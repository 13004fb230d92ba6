import { AbortedError, type Shard, type ShardPlan, shardAt, WorkerError } from '@mixkit/core';

/**
 * The states of one shard of the fit's shared copy of the caller's rows, one Int32 per shard
 * (`StatisticsRound.ready`), moved by `Atomics.compareExchange` so that exactly one thread
 * writes a shard's values at a time: a worker may claim an untouched shard to fault in its
 * pages (`FAULTING`, then `FAULTED`), the fit's thread claims it to copy (`COPYING`), and
 * `COPIED` lets the shard's pass read it.
 *
 * Why the workers fault pages: most of a copy into fresh shared memory is the kernel mapping
 * its pages on first write (measured here on 256 MB: 125–148 ms into fresh pages, 20–24 ms
 * into pages already written once), and the workers have nothing else to do while they wait.
 */
export const RowsState = {
  /** Fresh memory, nobody's. */
  untouched: 0,
  /** A worker writes a zero into every page of the shard's rows. */
  faulting: 1,
  /** The shard's pages are mapped; the rows are not there yet. */
  faulted: 2,
  /** The fit's thread copies the rows. */
  copying: 3,
  /** The rows are there. */
  copied: 4,
} as const;

/** Doubles per 4 KiB page: one write each faults a page in. */
const PAGE_DOUBLES = 512;
/** Longest the fit's thread waits for a worker to finish faulting one shard's pages. */
const FAULT_WAIT_MS = 10_000;

/**
 * The fit's thread's part (`mapShards`' alongside work of the first statistics round): copies
 * `from` into `to` shard by shard, each shard's flag set to `copied` as its rows land, while
 * the workers' pass reads the shards already copied. The order takes the workers' shards in
 * turn (a pool gives worker w the contiguous shards from ⌊w·count / workers⌋, see
 * `WorkerPool.open`), so each can start at once, and the workers fault in their shards' pages
 * from their last one backwards; it only paces the work, never changes a value. A shard a
 * worker is faulting is copied once that is done; one the fit's thread already copied itself
 * (`awaitShardRows` run in this thread) is skipped.
 */
export function copyShards(
  from: Float64Array,
  to: Float64Array,
  ready: Int32Array,
  d: number,
  plan: ShardPlan,
  workers: number,
): void {
  const used = Math.max(1, Math.min(workers, plan.count));
  const first = (w: number) => Math.floor((w * plan.count) / used);
  let pending: number[] = [];
  for (let offset = 0; offset < Math.ceil(plan.count / used); offset++) {
    for (let w = 0; w < used; w++) {
      if (first(w) + offset < first(w + 1)) pending.push(first(w) + offset);
    }
  }
  const started = now();
  while (pending.length > 0) {
    const later: number[] = [];
    for (const s of pending) {
      const was = Atomics.compareExchange(ready, s, RowsState.untouched, RowsState.copying);
      if (was === RowsState.copied) continue;
      if (was === RowsState.faulting) {
        later.push(s);
        continue;
      }
      const { start, end } = shardAt(plan, s);
      to.set(from.subarray(start * d, end * d), start * d);
      Atomics.store(ready, s, RowsState.copied);
      Atomics.notify(ready, s);
    }
    // Only shards a worker is faulting are left (a few milliseconds each): spin on them (the
    // fit's thread may not block in a browser). A worker that never finishes has died.
    if (later.length > 0 && now() - started > FAULT_WAIT_MS) {
      const s = later[0];
      const worker = Math.floor(((s + 1) * used - 1) / plan.count);
      throw new WorkerError('crashed', 'stopped while mapping the pages of its rows', worker);
    }
    pending = later;
  }
}

/**
 * A shard's part (in `prepareTask`'s first round): returns once the shard's rows are in the
 * shared copy `to`. In a worker, it waits for the fit's thread (a few milliseconds at a time, so
 * an abort or a closed session ends the wait), faulting in meanwhile the pages of its own
 * untouched shards, from the last: the fit's thread copies from the first, so the two meet in
 * the middle and the copy mostly lands on mapped pages. In the fit's own thread, whose wait
 * would never end (an executor that runs the round there before the copy), it copies the rows
 * itself from the caller's `source`.
 */
export function awaitShardRows(
  to: Float64Array,
  d: number,
  ready: Int32Array,
  shard: Shard,
  own: readonly Shard[],
  thread: { readonly source: Float64Array | undefined; readonly inWorker: boolean },
  aborted: (() => boolean) | undefined,
): void {
  const s = shard.index;
  if (!thread.inWorker) {
    if (Atomics.load(ready, s) === RowsState.copied) return;
    const { source } = thread;
    if (source === undefined) throw new TypeError('@mixkit/kmeans:prepare: rows never copied');
    to.set(source.subarray(shard.start * d, shard.end * d), shard.start * d);
    Atomics.store(ready, s, RowsState.copied);
    return;
  }
  for (;;) {
    const state = Atomics.load(ready, s);
    if (state === RowsState.copied) return;
    if (aborted?.() === true) throw new AbortedError('the k-means preparation');
    if (!faultOne(to, d, ready, own)) Atomics.wait(ready, s, state, 10);
  }
}

/** Faults in the pages of the last untouched shard of `own`; false when there is none. */
function faultOne(to: Float64Array, d: number, ready: Int32Array, own: readonly Shard[]): boolean {
  for (let p = own.length - 1; p >= 0; p--) {
    const { index, start, end } = own[p];
    if (Atomics.load(ready, index) !== RowsState.untouched) continue;
    if (
      Atomics.compareExchange(ready, index, RowsState.untouched, RowsState.faulting) !==
      RowsState.untouched
    ) {
      continue;
    }
    // Zeros into this shard's own (still zero) values only: a page it shares with a
    // neighbouring shard may already hold that shard's rows.
    for (let t = start * d; t < end * d; t += PAGE_DOUBLES) to[t] = 0;
    Atomics.store(ready, index, RowsState.faulted);
    return true;
  }
  return false;
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
