import {
  type FitDiagnostics,
  type FitWarning,
  InvalidInputError,
  type JsonValue,
} from '@mixkit/core';
import { JsonReader } from './jsonReader.js';

/** `FitDiagnostics` as a plain JSON value. */
export function diagnosticsToJson(diagnostics: FitDiagnostics): JsonValue {
  return {
    converged: diagnostics.converged,
    iterations: diagnostics.iterations,
    objective: [...diagnostics.objective],
    bestRestart: diagnostics.bestRestart,
    restartObjectives: [...diagnostics.restartObjectives],
    warnings: diagnostics.warnings.map((warning) => ({ ...warning })),
  };
}

/** Inverse of `diagnosticsToJson`, with typed errors for malformed input. */
export function diagnosticsFromJson(json: unknown, what: string): FitDiagnostics {
  const reader = new JsonReader(json, what);
  const warnings = reader.raw('warnings');
  if (!Array.isArray(warnings)) {
    throw new InvalidInputError(
      { argument: `${what}.warnings`, value: warnings },
      'expected an array',
    );
  }
  return {
    converged: reader.boolean('converged'),
    iterations: reader.number('iterations'),
    objective: Array.from(reader.numbers('objective')),
    bestRestart: reader.number('bestRestart'),
    restartObjectives: Array.from(reader.numbers('restartObjectives')),
    warnings: warnings.map((warning, index) =>
      warningFromJson(warning, `${what}.warnings[${index}]`),
    ),
  };
}

function warningFromJson(json: unknown, what: string): FitWarning {
  const reader = new JsonReader(json, what);
  const kind = reader.string('kind');
  const restart = reader.number('restart');
  if (kind === 'not-converged') {
    return { kind, restart, iterations: reader.number('iterations') };
  }
  if (kind === 'empty-component') {
    const action = reader.string('action');
    if (action !== 'reseeded' && action !== 'kept-previous' && action !== 'frozen') {
      throw new InvalidInputError({ argument: `${what}.action`, value: action }, 'unknown action');
    }
    return {
      kind,
      restart,
      iteration: reader.number('iteration'),
      component: reader.number('component'),
      action,
    };
  }
  throw new InvalidInputError({ argument: `${what}.kind`, value: kind }, 'unknown warning kind');
}
