import { InvalidInputError } from '../errors/invalidInputError.js';
import { MixkitError } from '../errors/mixkitError.js';

/** Thrown by a check to report a violated property (the message says which and where). */
export class BatteryError extends Error {
  constructor(check: string, message: string) {
    super(`[${check}] ${message}`);
    this.name = 'BatteryError';
  }
}

/**
 * Undefined when `a` and `b` are the same partition (equal up to renaming the labels, a
 * bijection), else a description of the first row that breaks the correspondence.
 */
export function partitionDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): string | undefined {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    const seenX = forward.get(x);
    const seenY = backward.get(y);
    if (seenX !== undefined && seenX !== y) {
      return `row ${i}: label ${x} goes with ${seenX} elsewhere but with ${y} here`;
    }
    if (seenY !== undefined && seenY !== x) {
      return `row ${i}: label ${y} goes with ${seenY} elsewhere but with ${x} here`;
    }
    forward.set(x, y);
    backward.set(y, x);
  }
  return undefined;
}

/** The path of the first NaN in a JSON-like value (numbers, arrays, typed arrays, objects). */
export function firstNaN(value: unknown, path = 'model'): string | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? path : undefined;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const array = value as unknown as ArrayLike<number>;
    for (let i = 0; i < array.length; i++) {
      if (Number.isNaN(array[i])) return `${path}[${i}]`;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNaN(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      const found = firstNaN(entry, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Undefined when both arrays hold the same bits (Object.is per entry), else the first difference. */
export function bitsDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  what: string,
): string | undefined {
  if (a.length !== b.length) return `${what}: lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return `${what}[${i}]: ${a[i]} and ${b[i]}`;
  }
  return undefined;
}

/** What an action threw: a typed mixkit error, another error, or nothing. */
export type Outcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'mixkit'; readonly error: MixkitError }
  | { readonly kind: 'other'; readonly error: unknown };

export function outcomeOf(action: () => unknown): Outcome {
  try {
    return { kind: 'returned', value: action() };
  } catch (error) {
    if (MixkitError.isInstance(error)) return { kind: 'mixkit', error };
    return { kind: 'other', error };
  }
}

/** A readable description of an outcome, for failure messages. */
export function describeOutcome(outcome: Outcome): string {
  if (outcome.kind === 'returned') return 'returned normally';
  const error = outcome.error;
  return error instanceof Error
    ? `threw ${error.name}: ${error.message}`
    : `threw ${String(error)}`;
}

/**
 * Requires `action` to throw an `InvalidInputError` naming `argument` (and `row`/`column`
 * when given); throws a `BatteryError` describing what happened otherwise.
 */
export function expectInvalidInput(
  check: string,
  what: string,
  action: () => unknown,
  argument: string,
  at: { readonly row?: number; readonly column?: number } = {},
): void {
  const outcome = outcomeOf(action);
  if (outcome.kind === 'mixkit' && InvalidInputError.isInstance(outcome.error)) {
    const error = outcome.error;
    if (error.argument !== argument) {
      throw new BatteryError(
        check,
        `${what}: the error names '${error.argument}', expected '${argument}' (${error.message})`,
      );
    }
    if (at.row !== undefined && error.row !== at.row) {
      throw new BatteryError(
        check,
        `${what}: the error names row ${error.row}, expected ${at.row} (${error.message})`,
      );
    }
    if (at.column !== undefined && error.column !== at.column) {
      throw new BatteryError(
        check,
        `${what}: the error names column ${error.column}, expected ${at.column} (${error.message})`,
      );
    }
    return;
  }
  throw new BatteryError(
    check,
    `${what}: expected an InvalidInputError naming '${argument}', but it ${describeOutcome(outcome)}`,
  );
}
