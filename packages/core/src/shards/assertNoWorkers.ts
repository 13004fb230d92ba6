import { InvalidInputError } from '../errors/invalidInputError.js';
import type { ShardExecutor } from './shardExecutor.js';

/**
 * A synchronous fit runs in the caller's thread and cannot wait for workers: it rejects an
 * executor with workers rather than ignore it.
 */
export function assertNoWorkers(executor: ShardExecutor | undefined, what: string): void {
  if (executor !== undefined && executor.workers > 0) {
    throw new InvalidInputError(
      { argument: 'executor', value: executor.workers },
      `${what} runs in the caller's thread: use the async fit to run on workers`,
    );
  }
}
