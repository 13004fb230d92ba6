import { throwIfAborted } from '../validate.js';
import { InThreadSession, Pacer } from './inThreadSession.js';
import type { ShardExecutor, ShardSession } from './shardExecutor.js';
import type { ShardEffect, ShardProgram } from './shardProgram.js';
import type { ShardContext } from './shardTask.js';

/** Options of `runShardProgram`. */
export interface RunShardProgramOptions<Step> {
  /** Where shards run; default: the fit's own thread. */
  readonly executor?: ShardExecutor | undefined;
  /** Stops the program with `AbortedError` (checked between effects and shards). */
  readonly signal?: AbortSignal | undefined;
  /** Called with every step the program reports. */
  readonly onStep?: ((step: Step) => void) | undefined;
  /** The longest the fit's thread computes without yielding to the event loop. Default 25 ms. */
  readonly budgetMs?: number | undefined;
  /** Names the work in an `AbortedError`. */
  readonly what: string;
}

/** The in-thread context: sessions there get their live objects as `local`. */
export const inThreadContext: ShardContext = {
  inWorker: false,
  resolveFamily(spec) {
    throw new TypeError(`in-thread sessions use the fit's own families (asked for '${spec.kind}')`);
  },
};

/**
 * Drives a shard program in the fit's own thread, synchronously, as a step generator: effects
 * are served at once, steps are yielded to the caller. An effect that fails (a task that
 * throws) throws its error into the program at its `yield`, as a call would: a program that
 * does not catch it ends with it.
 */
export function* runShardProgramSync<Step, Result>(
  program: ShardProgram<Step, Result>,
): Generator<Step, Result, void> {
  const sessions: (
    | InThreadSession<unknown, unknown, unknown, unknown, unknown, unknown>
    | undefined
  )[] = [];
  let reply: unknown;
  let failure: { readonly error: unknown } | undefined;
  for (;;) {
    const next = failure === undefined ? program.next(reply) : program.throw(failure.error);
    if (next.done) return next.value;
    const event = next.value;
    reply = undefined;
    failure = undefined;
    if (event.type === 'step') {
      yield event.step;
    } else if (event.type === 'open') {
      try {
        sessions.push(openInThread(event));
        reply = sessions.length - 1;
      } catch (error) {
        failure = { error };
      }
    } else if (event.type === 'map') {
      try {
        event.alongside?.();
        reply = sessionAt(sessions, event.session).mapSync(event.input);
      } catch (error) {
        failure = { error };
      }
    } else if (event.type === 'close') {
      // Its state (scratch, bounds) is garbage from here on, once the task released it.
      sessionAt(sessions, event.session).close();
      sessions[event.session] = undefined;
    }
  }
}

/** Runs a shard program to its end in the fit's thread, dropping its steps. */
export function drainShardProgram<Step, Result>(program: ShardProgram<Step, Result>): Result {
  const steps = runShardProgramSync(program);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Drives a shard program asynchronously on `executor` (in the fit's thread when there is none,
 * or when the plan has a single shard: small data never pays for workers), as an async step
 * generator: each step the program reports is yielded. The fit's thread yields to the event
 * loop whenever `budgetMs` is spent, checked after every step, between shards run in it and at
 * the program's pauses (so a short fit costs what a synchronous one does); an aborted `signal`
 * rejects with `AbortedError` at the next check or from the executor. An effect that fails
 * (a task's error, a worker's crash, an abort seen by the executor) throws its error into the
 * program at its `yield`, so a program may catch it (model selection records a candidate that
 * failed and fits the next); one that does not ends with it. Every session is closed when the
 * program ends, however it ends (also when the caller stops iterating).
 */
export async function* iterateShardProgram<Step, Result>(
  program: ShardProgram<Step, Result>,
  options: Omit<RunShardProgramOptions<Step>, 'onStep'>,
): AsyncGenerator<Step, Result, void> {
  const { executor, signal, what } = options;
  const pacer = new Pacer(options.budgetMs ?? 25, what);
  const sessions: (
    | ShardSession<unknown, unknown>
    | InThreadSession<unknown, unknown, unknown, unknown, unknown, unknown>
    | undefined
  )[] = [];
  let reply: unknown;
  let failure: { readonly error: unknown } | undefined;
  // The executor's threads, held from the first session on them to the program's end.
  let release: (() => void) | undefined;
  try {
    for (;;) {
      throwIfAborted(signal, what);
      const next = failure === undefined ? program.next(reply) : program.throw(failure.error);
      if (next.done) return next.value;
      const event = next.value;
      reply = undefined;
      failure = undefined;
      if (event.type === 'step') {
        yield event.step;
        await pacer.tick(signal);
      } else if (event.type === 'open') {
        const parallel =
          executor !== undefined &&
          executor.workers > 0 &&
          (event.plan.count > 1 || event.onExecutor === true);
        try {
          if (parallel && release === undefined) release = executor.hold?.();
          sessions.push(
            parallel
              ? await executor.open(event.task, event.setup, event.plan, event.local)
              : openInThread(event),
          );
          reply = sessions.length - 1;
        } catch (error) {
          failure = { error };
        }
      } else if (event.type === 'map') {
        const session = sessionAt(sessions, event.session);
        try {
          if (session instanceof InThreadSession) {
            event.alongside?.();
            reply = await session.map(event.input, signal, pacer);
          } else {
            reply = await mapAlongside(session, event.input, signal, event.alongside);
          }
        } catch (error) {
          failure = { error };
        }
      } else if (event.type === 'pause') {
        await pacer.tick(signal);
      } else {
        sessionAt(sessions, event.session).close();
        sessions[event.session] = undefined;
      }
    }
  } finally {
    for (const session of sessions) session?.close();
    release?.();
  }
}

/** `iterateShardProgram` drained: `onStep` is called with every step; resolves to the result. */
export async function runShardProgram<Step, Result>(
  program: ShardProgram<Step, Result>,
  options: RunShardProgramOptions<Step>,
): Promise<Result> {
  const steps = iterateShardProgram(program, options);
  for (;;) {
    const next = await steps.next();
    if (next.done) return next.value;
    options.onStep?.(next.value);
  }
}

/**
 * A round on the executor, with the fit thread's `alongside` work run once the round is posted
 * (the pools post a round's messages in a microtask of `map`, which one `await` lets run).
 */
async function mapAlongside(
  session: ShardSession<unknown, unknown>,
  input: unknown,
  signal: AbortSignal | undefined,
  alongside: (() => void) | undefined,
): Promise<unknown> {
  const outputs = session.map(input, signal);
  if (alongside === undefined) return outputs;
  // Handled (by the `await` below) even if it fails while `alongside` runs.
  outputs.catch(() => {});
  await undefined;
  alongside();
  return await outputs;
}

function openInThread(
  event: Extract<ShardEffect, { type: 'open' }>,
): InThreadSession<unknown, unknown, unknown, unknown, unknown, unknown> {
  return new InThreadSession(event.task, event.setup, event.plan, event.local, inThreadContext);
}

function sessionAt<S>(sessions: readonly (S | undefined)[], id: number): S {
  const session = sessions[id];
  if (session === undefined) throw new TypeError(`no open shard session ${id}`);
  return session;
}
