import { AbortedError } from '../errors/abortedError.js';
import {
  type DegeneracyReason,
  DegenerateComponentError,
} from '../errors/degenerateComponentError.js';
import { type InputLocation, InvalidInputError } from '../errors/invalidInputError.js';
import { WorkerError } from '../errors/workerError.js';

/**
 * An error as it crosses from a worker to the fit's thread (structured clone keeps neither the
 * class nor the brand), so that a task's typed error arrives as the same type with the same
 * fields: a fit gives the same error with or without workers.
 */
export type ThreadError =
  | {
      /** An `InvalidInputError`. */
      readonly kind: 'invalid-input';
      /** Its location (argument, row, column, value). */
      readonly location: InputLocation;
      /** Its reason. */
      readonly reason: string;
    }
  | {
      /** A `DegenerateComponentError`. */
      readonly kind: 'degenerate';
      /** Its family's kind. */
      readonly family: string;
      /** Its reason. */
      readonly reason: DegeneracyReason;
      /** Its detail. */
      readonly detail: string;
    }
  | {
      /** An `AbortedError`. */
      readonly kind: 'aborted';
      /** What was aborted. */
      readonly what: string;
    }
  | {
      /** Anything else (it arrives as a `WorkerError`). */
      readonly kind: 'other';
      /** The error's name. */
      readonly name: string;
      /** The error's message. */
      readonly message: string;
      /** The error's stack in the worker, as text. */
      readonly stack: string;
    };

/** The cloneable form of anything a task threw. */
export function toThreadError(error: unknown): ThreadError {
  if (InvalidInputError.isInstance(error)) {
    const location: InputLocation = {
      argument: error.argument,
      ...(error.row === undefined ? {} : { row: error.row }),
      ...(error.column === undefined ? {} : { column: error.column }),
      ...('value' in error && error.value !== undefined ? { value: cloneable(error.value) } : {}),
    };
    return { kind: 'invalid-input', location, reason: error.reason };
  }
  if (DegenerateComponentError.isInstance(error)) {
    return { kind: 'degenerate', family: error.family, reason: error.reason, detail: error.detail };
  }
  if (AbortedError.isInstance(error)) {
    return { kind: 'aborted', what: error.message.replace(/ was aborted$/, '') };
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return { kind: 'other', name, message, stack };
}

/** The error a `ThreadError` stands for, thrown in the fit's thread; `worker` names the worker. */
export function fromThreadError(error: ThreadError, worker: number): Error {
  switch (error.kind) {
    case 'invalid-input':
      return new InvalidInputError(error.location, error.reason);
    case 'degenerate':
      return new DegenerateComponentError(error.family, error.reason, error.detail);
    case 'aborted':
      return new AbortedError(error.what);
    case 'other':
      return new WorkerError('error', `${error.name}: ${error.message}`, worker, {
        cause: error.stack,
      });
  }
}

/** Values an error names are numbers, strings and the like; anything else is described. */
function cloneable(value: unknown): unknown {
  if (value === null || ['number', 'string', 'boolean', 'bigint'].includes(typeof value)) {
    return value;
  }
  return Array.isArray(value) ? `an array of length ${value.length}` : typeof value;
}
