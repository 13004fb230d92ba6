import { describe, expect, it } from 'vitest';
import { DegenerateComponentError } from '../errors/degenerateComponentError.js';
import { drainShardProgram, runShardProgram } from './runShardProgram.js';
import { planShards } from './shardPlan.js';
import { mapShards, openShards, type ShardProgram } from './shardProgram.js';
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
