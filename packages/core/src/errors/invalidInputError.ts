import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.InvalidInputError';
const symbol = Symbol.for(marker);

/** Where in the input the problem is, and what was found there. */
export interface InputLocation {
  /** The argument or option at fault, e.g. `'X'`, `'weights'`, `'k'`. */
  readonly argument: string;
  /** Row index (0-based) of the offending value, when it is in a matrix or vector. */
  readonly row?: number;
  /** Column index (0-based) of the offending value, when it is in a matrix. */
  readonly column?: number;
  /** The offending value itself, when there is one. */
  readonly value?: unknown;
}

/**
 * Thrown when an argument is malformed: NaN or infinite values, ragged rows, empty data,
 * a value outside a family's support, a wrong dimension, k > n, and so on.
 * The message names the argument and, where relevant, the row, column and value.
 */
export class InvalidInputError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;
  /** The argument or option at fault, e.g. `'X'`, `'sampleWeight'`, `'nClusters'`. */
  readonly argument: string;
  /** Row index (0-based) of the offending value, when it is in a matrix or vector. */
  readonly row: number | undefined;
  /** Column index (0-based) of the offending value, when it is in a matrix. */
  readonly column: number | undefined;
  /** The offending value itself, when there is one. */
  readonly value: unknown;
  /** What is wrong, without the location (the message is built from both). */
  readonly reason: string;

  constructor(location: InputLocation, reason: string) {
    super('InvalidInputError', InvalidInputError.format(location, reason));
    this.reason = reason;
    this.argument = location.argument;
    this.row = location.row;
    this.column = location.column;
    this.value = location.value;
  }

  static override isInstance(error: unknown): error is InvalidInputError {
    return MixkitError.hasMarker(error, marker);
  }

  private static format(location: InputLocation, reason: string): string {
    const where: string[] = [];
    if (location.row !== undefined) where.push(`row ${location.row}`);
    if (location.column !== undefined) where.push(`column ${location.column}`);
    const at = where.length > 0 ? ` at ${where.join(', ')}` : '';
    const value = 'value' in location ? ` (got ${describe(location.value)})` : '';
    return `Invalid ${location.argument}${at}: ${reason}${value}`;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
