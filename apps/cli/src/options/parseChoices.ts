import { CliError } from '../cliError.js';

/**
 * A comma-separated list of choices, each one of `allowed` (deduplicated, in the given order).
 * Throws a `CliError` naming the option and the allowed values.
 */
export function parseChoices<Choice extends string>(
  option: string,
  text: string,
  allowed: readonly Choice[],
): Choice[] {
  const chosen: Choice[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const match = allowed.find((choice) => choice === item);
    if (match === undefined) {
      throw new CliError(`${option} ${text}: "${item}" is not one of ${allowed.join(', ')}`);
    }
    if (!chosen.includes(match)) chosen.push(match);
  }
  return chosen;
}

/** Exactly one of `allowed` (a list is an error naming the option). */
export function parseChoice<Choice extends string>(
  option: string,
  text: string,
  allowed: readonly Choice[],
): Choice {
  const [chosen, ...more] = parseChoices(option, text, allowed);
  if (chosen === undefined || more.length > 0) {
    throw new CliError(`${option} ${text}: give one of ${allowed.join(', ')}`);
  }
  return chosen;
}
