import { CliError } from '../cliError.js';

export interface NumberConstraint {
  readonly integer?: boolean;
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
}

/** A numeric option value, checked against `constraint`; a `CliError` names the option. */
export function parseNumberOption(
  option: string,
  text: string,
  constraint: NumberConstraint = {},
): number {
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  const problem = !Number.isFinite(value)
    ? 'not a number'
    : constraint.integer && !Number.isSafeInteger(value)
      ? 'not an integer'
      : constraint.min !== undefined && value < constraint.min
        ? `must be at least ${constraint.min}`
        : constraint.above !== undefined && value <= constraint.above
          ? `must be greater than ${constraint.above}`
          : undefined;
  if (problem !== undefined) throw new CliError(`${option} ${text}: ${problem}`);
  return value;
}
