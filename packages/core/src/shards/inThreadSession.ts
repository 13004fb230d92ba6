import { throwIfAborted } from '../validate.js';
import { type Shard, type ShardPlan, shardAt } from './shardPlan.js';
import type { ShardContext, ShardTask } from './shardTask.js';

/**
 * A session run in the fit's own thread: one task state over every shard, shards run in order.
 * `mapSync` serves synchronous fits; `map` serves async fits and yields to the event loop
 * between shards whenever `pacer` says the time budget is spent.
 */
export class InThreadSession<Setup, Input, Output, State, Local, Wire> {
  private readonly state: State;
  private readonly shards: readonly Shard[];
  private closed = false;

  /** The shards this session runs. */
  readonly plan: ShardPlan;

  constructor(
    private readonly task: ShardTask<Setup, Input, Output, State, Local, Wire>,
    setup: Setup,
    plan: ShardPlan,
    local: Local,
    context: ShardContext,
  ) {
    this.plan = plan;
    this.shards = Array.from({ length: plan.count }, (_, s) => shardAt(plan, s));
    this.state = task.open(setup, context, this.shards, local);
  }

  /** Runs every shard now, in order; the outputs in shard order. */
  mapSync(input: Input): Output[] {
    return this.shards.map((shard) => this.task.run(this.state, input, shard));
  }

  /**
   * Runs every shard in order, asking `pacer` before each whether to yield to the event loop
   * (and throwing `AbortedError` once `signal` aborted); the outputs in shard order.
   */
  async map(input: Input, signal?: AbortSignal, pacer?: Pacer): Promise<Output[]> {
    const outputs: Output[] = [];
    for (const shard of this.shards) {
      if (pacer !== undefined) await pacer.tick(signal);
      outputs.push(this.task.run(this.state, input, shard));
    }
    return outputs;
  }

  /** Lets the task release its state (`ShardTask.close`), once; closing twice is harmless. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.task.close?.(this.state);
  }
}

/**
 * Paces an async fit that runs in the fit's thread: `tick` yields a macrotask once `budgetMs`
 * has passed since the last yield, then throws `AbortedError` if the signal fired. So timers,
 * `AbortSignal.timeout` and a page stay responsive, and an abort lands within one budget plus
 * one shard.
 */
export class Pacer {
  private last = now();

  constructor(
    private readonly budgetMs: number,
    private readonly what: string,
  ) {}

  /** Yields when the budget is spent, then throws `AbortedError` if `signal` aborted. */
  async tick(signal: AbortSignal | undefined): Promise<void> {
    if (now() - this.last >= this.budgetMs) await this.yield();
    throwIfAborted(signal, this.what);
  }

  /** Yields unconditionally and restarts the budget. */
  async yield(): Promise<void> {
    await yieldToEventLoop();
    this.last = now();
  }
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/**
 * A macrotask turn: `setImmediate` where it exists (Node), else a `MessageChannel` message
 * (browsers; unlike `setTimeout(0)` it is not clamped to 4 ms), else `setTimeout`.
 */
export function yieldToEventLoop(): Promise<void> {
  const scope = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  return new Promise((resolve) => {
    if (scope.setImmediate) {
      scope.setImmediate(resolve);
    } else if (scope.MessageChannel) {
      const channel = new scope.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/**
 * A zero-filled `Float64Array` on a `SharedArrayBuffer` where the platform has one (Node; a
 * cross-origin-isolated page), else on an ordinary buffer: per-row outputs that worker threads
 * write in place for the fit's thread to read.
 */
export function sharedFloat64Array(length: number): Float64Array {
  return typeof SharedArrayBuffer === 'undefined'
    ? new Float64Array(length)
    : new Float64Array(new SharedArrayBuffer(8 * length));
}

/** `sharedFloat64Array` for 32-bit integers (labels). */
export function sharedInt32Array(length: number): Int32Array {
  return typeof SharedArrayBuffer === 'undefined'
    ? new Int32Array(length)
    : new Int32Array(new SharedArrayBuffer(4 * length));
}

/** `sharedFloat64Array` for bytes (flags). */
export function sharedUint8Array(length: number): Uint8Array {
  return typeof SharedArrayBuffer === 'undefined'
    ? new Uint8Array(length)
    : new Uint8Array(new SharedArrayBuffer(length));
}

/**
 * Whether `array` sits on a `SharedArrayBuffer` (so worker threads read and write it in place,
 * where any other array is copied to them); false where the platform has none.
 */
export function isSharedMemory(array: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && array.buffer instanceof SharedArrayBuffer;
}
