import { InvalidInputError } from './errors/invalidInputError.js';
import type { DegeneracyAction, FitDiagnostics, FitWarning } from './fitResult.js';
import type { JsonValue } from './json.js';

/** `FitDiagnostics` as plain JSON (what every model's `toJSON` writes). */
export function fitDiagnosticsToJson(diagnostics: FitDiagnostics): JsonValue {
  return {
    converged: diagnostics.converged,
    iterations: diagnostics.iterations,
    objective: [...diagnostics.objective],
    bestRestart: diagnostics.bestRestart,
    restartObjectives: [...diagnostics.restartObjectives],
    warnings: diagnostics.warnings.map((warning) => ({ ...warning })),
  };
}

type Fields = { readonly [key: string]: JsonValue | undefined };

function objectAt(json: unknown, path: string): Fields {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InvalidInputError({ argument: path, value: json }, 'expected a JSON object');
  }
  return json as Fields;
}

function integerAt(fields: Fields, key: string, path: string, min = 0): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidInputError(
      { argument: `${path}.${key}`, value },
      `expected an integer >= ${min}`,
    );
  }
  return value;
}

function booleanAt(fields: Fields, key: string, path: string): boolean {
  const value = fields[key];
  if (typeof value !== 'boolean') {
    throw new InvalidInputError({ argument: `${path}.${key}`, value }, 'expected true or false');
  }
  return value;
}

function numbersAt(fields: Fields, key: string, path: string): number[] {
  const value = fields[key];
  const argument = `${path}.${key}`;
  if (!Array.isArray(value)) throw new InvalidInputError({ argument, value }, 'expected an array');
  return value.map((entry, i) => {
    if (typeof entry !== 'number' || !Number.isFinite(entry)) {
      throw new InvalidInputError({ argument, row: i, value: entry }, 'expected a finite number');
    }
    return entry;
  });
}

const actions: readonly DegeneracyAction[] = ['reseeded', 'kept-previous', 'frozen'];
const reasons: readonly string[] = ['empty', 'singular', 'no-support'];

function oneOf<T extends string>(
  fields: Fields,
  key: string,
  path: string,
  allowed: readonly T[],
): T {
  const value = fields[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(
      { argument: `${path}.${key}`, value },
      `expected one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function warningFromJson(json: unknown, path: string): FitWarning {
  const fields = objectAt(json, path);
  const kind = oneOf(fields, 'kind', path, [
    'not-converged',
    'empty-component',
    'degenerate-component',
    'regularization-dominates',
  ] as const);
  if (kind === 'regularization-dominates') {
    const numbers = (key: string): number => {
      const value = fields[key];
      if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
        throw new InvalidInputError(
          { argument: `${path}.${key}`, value },
          'expected a finite number >= 0',
        );
      }
      return value;
    };
    const family = fields['family'];
    if (typeof family !== 'string') {
      throw new InvalidInputError(
        { argument: `${path}.family`, value: family },
        'expected a string',
      );
    }
    return {
      kind,
      family,
      column: integerAt(fields, 'column', path),
      regCovar: numbers('regCovar'),
      variance: numbers('variance'),
    };
  }
  const restart = integerAt(fields, 'restart', path);
  if (kind === 'not-converged') {
    return { kind, restart, iterations: integerAt(fields, 'iterations', path) };
  }
  const iteration = integerAt(fields, 'iteration', path);
  const component = integerAt(fields, 'component', path);
  const action = oneOf(fields, 'action', path, actions);
  if (kind === 'empty-component') return { kind, restart, iteration, component, action };
  const reason = oneOf(
    fields,
    'reason',
    path,
    reasons as readonly ('empty' | 'singular' | 'no-support')[],
  );
  return { kind, restart, iteration, component, reason, action };
}

/**
 * Reads `FitDiagnostics` written by `fitDiagnosticsToJson`, strictly: every field present and of
 * its type, objectives finite, `bestRestart` an index into `restartObjectives`, every warning
 * well-formed. A problem is an `InvalidInputError` whose argument is the field's path under
 * `path` (e.g. `json.diagnostics.warnings[2].action`).
 */
export function fitDiagnosticsFromJson(json: unknown, path: string): FitDiagnostics {
  const fields = objectAt(json, path);
  const restartObjectives = numbersAt(fields, 'restartObjectives', path);
  const bestRestart = integerAt(fields, 'bestRestart', path);
  if (restartObjectives.length > 0 && bestRestart >= restartObjectives.length) {
    throw new InvalidInputError(
      { argument: `${path}.bestRestart`, value: bestRestart },
      `expected an index into restartObjectives (length ${restartObjectives.length})`,
    );
  }
  const warnings = fields['warnings'];
  if (!Array.isArray(warnings)) {
    throw new InvalidInputError(
      { argument: `${path}.warnings`, value: warnings },
      'expected an array',
    );
  }
  return {
    converged: booleanAt(fields, 'converged', path),
    iterations: integerAt(fields, 'iterations', path),
    objective: numbersAt(fields, 'objective', path),
    bestRestart,
    restartObjectives,
    warnings: warnings.map((warning, i) => warningFromJson(warning, `${path}.warnings[${i}]`)),
  };
}
