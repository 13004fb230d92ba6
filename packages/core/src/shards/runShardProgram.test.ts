import { describe, expect, it } from 'vitest';
import { DegenerateComponentError } from '../errors/degenerateComponentError.js';
import { drainShardProgram, inThreadContext, runShardProgram } from './runShardProgram.js';
import type { ShardExecutor } from './shardExecutor.js';
import { planShards, shardAt } from './shardPlan.js';
import {
  closeSessionsOnError,
  closeShards,
  mapShards,
  openShards,
  type ShardProgram,
} from './shardProgram.js';
import type { ShardTask } from './shardTask.js';

/** Doubles its input, or throws a typed error when the input is negative. */
const doubling: ShardTask<undefined, number, number, undefined> = {
  name: 'test:doubling',
  open: () => undefined,
  run(_state, input) {
    if (input < 0) throw new DegenerateComponentError('test', 'singular', `input ${input}`);
    return 2 * input;
  },
};

/** Maps -1 then 3, catching the first map's error: the program goes on after it. */
function* catching(): ShardProgram<never, (number | string)[]> {
  const session = yield* openShards(doubling, undefined, planShards(2, 1), undefined);
  const results: (number | string)[] = [];
  for (const input of [-1, 3]) {
    try {
      results.push(...(yield* mapShards(session, input)));
    } catch (error) {
      results.push(DegenerateComponentError.isInstance(error) ? 'degenerate' : 'other');
    }
  }
  return results;
}

/** Maps -1 without catching. */
function* notCatching(): ShardProgram<never, number[]> {
  const session = yield* openShards(doubling, undefined, planShards(2, 1), undefined);
  return yield* mapShards(session, -1);
}

describe('a failed effect throws into the program at its yield', () => {
  it('a program that catches it goes on (sync and async drivers alike)', async () => {
    expect(drainShardProgram(catching())).toEqual(['degenerate', 6, 6]);
    expect(await runShardProgram(catching(), { what: 'test' })).toEqual(['degenerate', 6, 6]);
  });

  it('a program that does not ends with it', async () => {
    expect(() => drainShardProgram(notCatching())).toThrow(DegenerateComponentError);
    await expect(runShardProgram(notCatching(), { what: 'test' })).rejects.toThrow(
      /singular.*input -1/,
    );
  });
});

/** An executor of 1 worker that runs `doubling` here and logs each session's open and close. */
function loggingExecutor(log: string[]): ShardExecutor {
  let sessions = 0;
  return {
    workers: 1,
    async open(task, setup, plan, local) {
      const id = sessions++;
      log.push(`open ${id}`);
      const state = task.open(setup, inThreadContext, [], local);
      return {
        plan,
        map: async (input) =>
          Array.from({ length: plan.count }, (_, s) => task.run(state, input, shardAt(plan, s))),
        close: () => log.push(`close ${id}`),
      };
    },
  };
}

/** Opens a session of 2 shards and maps `input` (a negative input throws). */
function* oneMap(input: number): ShardProgram<never, number[]> {
  const session = yield* openShards(doubling, undefined, planShards(2, 1), undefined);
  return yield* mapShards(session, input);
}

describe('closeSessionsOnError', () => {
  it('closes the sessions a failed program left open before its error goes on', async () => {
    const log: string[] = [];
    function* twoFits(): ShardProgram<never, string> {
      try {
        yield* closeSessionsOnError(oneMap(-1));
      } catch {
        log.push('caught');
      }
      const outputs = yield* closeSessionsOnError(oneMap(2));
      return outputs.join(',');
    }
    const result = await runShardProgram(twoFits(), {
      executor: loggingExecutor(log),
      what: 'test',
    });
    expect(result).toBe('4,4');
    // Session 0 closes before the error reaches the caller; session 1 stays open until the
    // program ends (a program that succeeds closes its own sessions).
    expect(log).toEqual(['open 0', 'close 0', 'caught', 'open 1', 'close 1']);
  });
});

describe("a map's alongside work", () => {
  /** Logs its runs; the round's input is the log. */
  const logging: ShardTask<undefined, string[], number, undefined> = {
    name: 'test:logging',
    open: () => undefined,
    run(_state, log, shard) {
      log.push(`run ${shard.index}`);
      return shard.index;
    },
  };
  function* withAlongside(log: string[]): ShardProgram<never, number[]> {
    const session = yield* openShards(logging, undefined, planShards(2, 1), undefined);
    return yield* mapShards(session, log, () => log.push('alongside'));
  }

  it("runs before the round when the round runs in the fit's thread", async () => {
    const log: string[] = [];
    expect(drainShardProgram(withAlongside(log))).toEqual([0, 1]);
    expect(await runShardProgram(withAlongside(log), { what: 'test' })).toEqual([0, 1]);
    expect(log).toEqual(['alongside', 'run 0', 'run 1', 'alongside', 'run 0', 'run 1']);
  });

  it('runs once an executor has posted the round (in a microtask, as the pools do), before its answer', async () => {
    const log: string[] = [];
    const executor: ShardExecutor = {
      workers: 1,
      async open(task, setup, plan, local) {
        const state = task.open(setup, inThreadContext, [], local);
        return {
          plan,
          map: async (input) => {
            await Promise.resolve().then(() => log.push('posted'));
            // The workers answer later, after the fit's thread has done its share.
            await new Promise((resolve) => setTimeout(resolve, 5));
            return Array.from({ length: plan.count }, (_, s) =>
              task.run(state, input, shardAt(plan, s)),
            );
          },
          close: () => {},
        };
      },
    };
    expect(await runShardProgram(withAlongside(log), { executor, what: 'test' })).toEqual([0, 1]);
    expect(log).toEqual(['posted', 'alongside', 'run 0', 'run 1']);
  });

  it("a round that fails while it runs still gives the program the round's error", async () => {
    const log: string[] = [];
    const executor: ShardExecutor = {
      workers: 1,
      async open(_task, _setup, plan) {
        return {
          plan,
          map: () =>
            Promise.reject(new DegenerateComponentError('test', 'singular', 'in a worker')),
          close: () => {},
        };
      },
    };
    await expect(runShardProgram(withAlongside(log), { executor, what: 'test' })).rejects.toThrow(
      /in a worker/,
    );
    expect(log).toEqual(['alongside']);
  });
});

describe("the executor's threads are held for the whole program", () => {
  /** Opens two sessions one after the other (as k-means prepares, then assigns). */
  function* twoSessions(plan = planShards(2, 1)): ShardProgram<never, number[]> {
    const first = yield* openShards(doubling, undefined, plan, undefined);
    const a = yield* mapShards(first, 1);
    yield* closeShards(first);
    const second = yield* openShards(doubling, undefined, plan, undefined);
    return [...a, ...(yield* mapShards(second, -1))];
  }
  /** An executor that runs shards in the thread and logs its sessions and its holds. */
  function logged(log: string[]): ShardExecutor {
    return {
      workers: 1,
      async open(task, setup, plan, local) {
        log.push('open');
        const state = task.open(setup, inThreadContext, [], local);
        return {
          plan,
          map: async (input) =>
            Array.from({ length: plan.count }, (_, s) => task.run(state, input, shardAt(plan, s))),
          close: () => log.push('close'),
        };
      },
      hold() {
        log.push('hold');
        return () => log.push('release');
      },
    };
  }

  it('from its first session on the executor to its end, also when it fails', async () => {
    const log: string[] = [];
    const error = await runShardProgram(twoSessions(), {
      executor: logged(log),
      what: 'test',
    }).catch((caught: unknown) => caught);
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect(log).toEqual(['hold', 'open', 'close', 'open', 'close', 'release']);
  });

  it('not at all when every session runs in the thread (one shard)', async () => {
    const log: string[] = [];
    await runShardProgram(twoSessions(planShards(1, 1)), {
      executor: logged(log),
      what: 'test',
    }).catch(() => {});
    expect(log).toEqual([]);
  });
});

describe("a task's close", () => {
  it("is called once, after the last round, when the fit's thread closes the session (sync and async drivers)", async () => {
    const states: { closed: number }[] = [];
    /** Adds 1; counts its state's closes and refuses to run a closed state. */
    const closing: ShardTask<undefined, number, number, { closed: number }> = {
      name: 'test:closing',
      open: () => {
        const state = { closed: 0 };
        states.push(state);
        return state;
      },
      run(state, input) {
        if (state.closed > 0) throw new Error('ran a closed state');
        return input + 1;
      },
      close(state) {
        state.closed++;
      },
    };
    function* program(): ShardProgram<never, number[]> {
      const session = yield* openShards(closing, undefined, planShards(3, 1), undefined);
      const outputs = yield* mapShards(session, 1);
      const closedBefore = states.map((s) => s.closed);
      yield* closeShards(session);
      return [...outputs, ...closedBefore];
    }
    expect(drainShardProgram(program())).toEqual([2, 2, 2, 0]);
    expect(await runShardProgram(program(), { what: 'test' })).toEqual([2, 2, 2, 1, 0]);
    expect(states.map((s) => s.closed)).toEqual([1, 1]);
  });
});
