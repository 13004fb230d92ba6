import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.WorkerError';
const symbol = Symbol.for(marker);

/** How a worker failed: it died (crashed, was terminated, ran out of memory), or could not start. */
export type WorkerFailure = 'crashed' | 'failed-to-start' | 'error';

/**
 * Thrown (as a rejection) when a worker of a `ShardExecutor` fails in a way that is not one of
 * mixkit's own typed errors: it crashed, could not load its modules, or threw something else.
 * Typed errors a task throws in a worker (`InvalidInputError`, ...) arrive as themselves.
 * The executor stays usable: the worker is replaced for later sessions.
 */
export class WorkerError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;

  /** How the worker failed. */
  readonly failure: WorkerFailure;
  /** The worker's slot in its pool (0-based). */
  readonly worker: number;

  constructor(
    failure: WorkerFailure,
    detail: string,
    worker: number,
    options?: { cause?: unknown },
  ) {
    super('WorkerError', `worker ${worker} ${describe(failure)}: ${detail}`, options);
    this.failure = failure;
    this.worker = worker;
  }

  static override isInstance(error: unknown): error is WorkerError {
    return MixkitError.hasMarker(error, marker);
  }
}

function describe(failure: WorkerFailure): string {
  switch (failure) {
    case 'crashed':
      return 'crashed';
    case 'failed-to-start':
      return 'failed to start';
    case 'error':
      return 'threw';
  }
}
