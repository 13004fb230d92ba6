import type { ShardPlan } from './shardPlan.js';
import type { AnyShardTask, ShardTask } from './shardTask.js';

/**
 * A fit written once for every executor: a generator that yields what it needs done over rows
 * (`open` a session of a task, `map` it, `close` it) and the progress steps it reports, and is
 * resumed with the answer. A driver serves the effects: `runShardProgramSync` in the fit's
 * thread for synchronous fits and step generators, `runShardProgram` on any `ShardExecutor`,
 * yielding on a time budget, for async fits. The algorithm reads as a plain loop
 * (`const outputs = yield* mapShards(session, input)`), with one copy of it.
 */
export type ShardProgram<Step, Result> = Generator<ProgramEvent<Step>, Result, unknown>;

/** What a program yields: an effect over shards, or a progress step for the caller. */
export type ProgramEvent<Step> = ShardEffect | StepEvent<Step>;

/** A progress step a program reports to its caller. */
export interface StepEvent<Step> {
  /** Tells it from an effect. */
  readonly type: 'step';
  /** The step, passed to the caller (`onIteration`, or yielded by a step generator). */
  readonly step: Step;
}

/** The effects a driver serves. */
export type ShardEffect = OpenEffect | MapEffect | CloseEffect | PauseEffect;

/** Open a session of `task` over `plan` (answered with the session's id). */
export interface OpenEffect {
  /** The effect's kind. */
  readonly type: 'open';
  /** The task the session runs. */
  readonly task: AnyShardTask;
  /** The task's cloneable setup (see `ShardTask.open`). */
  readonly setup: unknown;
  /** The shards of the session. */
  readonly plan: ShardPlan;
  /** The live objects for the calling thread (see `ShardTask.open`). */
  readonly local: unknown;
  /**
   * The rows live with the executor's workers (`RemoteRows`): the session opens on the executor
   * even when it has one shard (a driver otherwise runs one-shard sessions in its own thread).
   */
  readonly onExecutor?: boolean;
}

/** Run every shard of a session (answered with the outputs, in shard order). */
export interface MapEffect {
  /** The effect's kind. */
  readonly type: 'map';
  /** The session's id. */
  readonly session: number;
  /** The round's input. */
  readonly input: unknown;
  /**
   * Work of the fit's own thread to overlap with the round (see `mapShards`): run after the
   * round is posted to the executor's workers, before its outputs are awaited; before the
   * round when it runs in the fit's thread.
   */
  readonly alongside?: (() => void) | undefined;
}

/** Release a session (answered with nothing). */
export interface CloseEffect {
  /** The effect's kind. */
  readonly type: 'close';
  /** The session's id. */
  readonly session: number;
}

/** A point where an async driver may yield and check its signal (answered with nothing). */
export interface PauseEffect {
  /** The effect's kind. */
  readonly type: 'pause';
}

/** A session a program opened: map it with `mapShards`, close it with `closeShards`. */
export interface ShardHandle<Input, Output> {
  /** The driver's id of the session. */
  readonly id: number;
  /** The session's shards. */
  readonly plan: ShardPlan;
  /** Type-level only: the task's input and output. */
  readonly types?: (input: Input) => Output;
}

/**
 * Opens a session of `task` (see `ShardExecutor.open`); `onExecutor`: on the executor even for
 * one shard (the rows live with its workers).
 */
export function* openShards<Setup, Input, Output, State, Local, Wire>(
  task: ShardTask<Setup, Input, Output, State, Local, Wire>,
  setup: Setup,
  plan: ShardPlan,
  local: Local,
  onExecutor = false,
): Generator<ShardEffect, ShardHandle<Input, Output>, unknown> {
  const id = yield { type: 'open', task, setup, plan, local, onExecutor };
  if (typeof id !== 'number') throw new TypeError('openShards: the driver answered no session');
  return { id, plan };
}

/**
 * Runs every shard of the session with `input`; the outputs come in shard order.
 *
 * `alongside` is work of the fit's thread that the round's shards may wait for, such as copying
 * rows into shared memory that a task reads once a flag says they are there: a driver runs it
 * once the round is posted to the executor's workers and before it awaits their outputs (so
 * the two overlap), or before the round when the round runs in the fit's own thread (whose
 * shards could not wait for it). Results must not depend on which.
 */
export function* mapShards<Input, Output>(
  handle: ShardHandle<Input, Output>,
  input: Input,
  alongside?: () => void,
): Generator<ShardEffect, Output[], unknown> {
  const outputs = yield { type: 'map', session: handle.id, input, alongside };
  if (!Array.isArray(outputs) || outputs.length !== handle.plan.count) {
    throw new TypeError('mapShards: the driver answered no outputs');
  }
  // The driver answers a map with the outputs of this session's task, in shard order.
  return outputs as Output[];
}

/** Closes a session (drivers also close every session still open when a program ends). */
export function* closeShards<Input, Output>(
  handle: ShardHandle<Input, Output>,
): Generator<ShardEffect, void, unknown> {
  yield { type: 'close', session: handle.id };
}

/**
 * A point where an async driver may yield to the event loop (when its time budget is spent)
 * and stop on an abort: for loops that run in the fit's thread between maps, such as seeding.
 */
export function* pause(): Generator<ShardEffect, void, unknown> {
  yield { type: 'pause' };
}

/** Reports a progress step to the program's caller. */
export function* reportStep<Step>(step: Step): Generator<ProgramEvent<Step>, void, unknown> {
  yield { type: 'step', step };
}

/**
 * A program's steps passed through `transform` (e.g. a k-means initialisation inside EM, whose
 * own steps the EM caller does not see: `transform` returns undefined to drop them).
 */
export function* mapProgramSteps<From, To, Result>(
  program: ShardProgram<From, Result>,
  transform: (step: From) => To | undefined,
): ShardProgram<To, Result> {
  let reply: unknown;
  for (;;) {
    const next = program.next(reply);
    if (next.done) return next.value;
    const event = next.value;
    if (event.type === 'step') {
      const step = transform(event.step);
      reply = step === undefined ? undefined : yield { type: 'step', step };
    } else {
      reply = yield event;
    }
  }
}

/** A program run for its result alone (e.g. a k-means initialisation inside EM): its steps are dropped. */
export function* dropSteps<Step, Result>(
  program: ShardProgram<Step, Result>,
): ShardProgram<never, Result> {
  let reply: unknown;
  for (;;) {
    const next = program.next(reply);
    if (next.done) return next.value;
    const event = next.value;
    reply = event.type === 'step' ? undefined : yield event;
  }
}

/**
 * `program`, closing every session it opened and left open when it ends with an error (a
 * failed effect it did not catch, or its own throw), before the error goes on. For a caller
 * that catches the error and carries on, such as model selection after a failed candidate:
 * without it, the failed fit's sessions (and their state in the workers) would stay open until
 * the whole program ends.
 */
export function* closeSessionsOnError<Step, Result>(
  program: ShardProgram<Step, Result>,
): ShardProgram<Step, Result> {
  const open = new Set<number>();
  let reply: unknown;
  let failure: { readonly error: unknown } | undefined;
  for (;;) {
    let next: IteratorResult<ProgramEvent<Step>, Result>;
    try {
      next = failure === undefined ? program.next(reply) : program.throw(failure.error);
    } catch (error) {
      for (const session of open) yield { type: 'close', session };
      throw error;
    }
    failure = undefined;
    reply = undefined;
    if (next.done) return next.value;
    const event = next.value;
    try {
      reply = yield event;
    } catch (error) {
      failure = { error };
      continue;
    }
    if (event.type === 'open' && typeof reply === 'number') open.add(reply);
    if (event.type === 'close') open.delete(event.session);
  }
}
