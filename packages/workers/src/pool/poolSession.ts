import { AbortedError, type ShardPlan, type ShardSession } from '@mixkit/core';
import type { PoolWorker } from './poolWorker.js';

/** One session of a `WorkerPool`. */
export class PoolSession<Input, Output, Wire> implements ShardSession<Input, Output> {
  private round = 0;
  private open = true;

  constructor(
    private readonly id: number,
    readonly plan: ShardPlan,
    private readonly workers: readonly PoolWorker[],
    private readonly first: (w: number) => number,
    private readonly abort: Int32Array | undefined,
    private readonly encode: ((input: Input) => Wire) | undefined,
    private readonly onClose: () => void,
  ) {}

  async map(input: Input, signal?: AbortSignal): Promise<Output[]> {
    if (!this.open) throw new TypeError('map on a closed shard session');
    const round = this.round++;
    const key = `${this.id}:${round}`;
    const wire = this.encode === undefined ? input : this.encode(input);
    if (this.abort !== undefined) Atomics.store(this.abort, 0, 0);
    const answers = this.workers.map((worker) =>
      worker.request(key, this.id, () =>
        worker.port.post({ type: 'map', session: this.id, round, input: wire }),
      ),
    );
    const gathered = Promise.all(answers);
    const results = await (signal === undefined
      ? gathered
      : raceAbort(gathered, signal, () => {
          if (this.abort !== undefined) Atomics.store(this.abort, 0, 1);
          for (const worker of this.workers) worker.abandon(this.id);
        }));
    const outputs: Output[] = new Array(this.plan.count);
    results.forEach((message, w) => {
      if (message.type === 'aborted') throw new AbortedError('the shard session');
      if (message.type !== 'mapped')
        throw new TypeError(`unexpected '${message.type}' from a worker`);
      // The worker's outputs are its task's outputs, in the order of its shards.
      message.outputs.forEach((output, s) => {
        outputs[this.first(w) + s] = output as Output;
      });
    });
    return outputs;
  }

  /**
   * Closes the session. Work of it still running (the fit ended on another worker's fault)
   * is told to stop at its next check (the abort flag) and no longer awaited; the workers
   * count as busy with it until they answer (see `PoolWorker.settled`).
   */
  close(): void {
    if (!this.open) return;
    this.open = false;
    if (this.abort !== undefined) Atomics.store(this.abort, 0, 1);
    for (const worker of this.workers) {
      worker.abandon(this.id);
      if (worker.failure === undefined) worker.port.post({ type: 'close', session: this.id });
    }
    this.onClose();
  }
}

/** `promise`, or an `AbortedError` as soon as `signal` aborts (after calling `onAbort`). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new AbortedError('the shard session', signal.reason));
    };
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
