import { assertNumber, InvalidInputError, type JsonValue } from '@mixkit/core';
import type { ResolvedDof } from './studentTDof.js';

/** How ν is learned: from `initial` (default 10), kept within [`min`, `max`] (default [0.5, 1000]). */
export interface StudentTDofLearning {
  /** ν to start from (default 10). */
  readonly initial?: number;
  /** Smallest ν allowed (default 0.5). */
  readonly min?: number;
  /** Largest ν allowed (default 1000). */
  readonly max?: number;
}

/** Options of the Student-t families. */
export interface StudentTOptions {
  /**
   * Added to the diagonal of every estimated scale matrix, as the Gaussian families' absolute
   * `regCovar` (a number for every column). Default 1e-6; 0 disables it.
   */
  readonly regCovar?: number;
  /**
   * Degrees of freedom ν: a number fixes ν for every component; absent or an object learns ν per
   * component by ECME, starting at `initial` (the M-step from a hard assignment has no latent
   * scales to learn from) and kept within [`min`, `max`]. Large ν approaches the Gaussian.
   */
  readonly dof?: number | StudentTDofLearning;
}

/** Validated options: `regCovar`, the ν setting, and their JSON form for `spec()`. */
export interface ResolvedStudentTOptions {
  readonly regCovar: number;
  readonly dof: ResolvedDof;
  readonly spec: { readonly [key: string]: JsonValue };
}

/** Validates the options and merges defaults. */
export function resolveStudentTOptions(options: StudentTOptions = {}): ResolvedStudentTOptions {
  const regCovar = options.regCovar ?? 1e-6;
  assertNumber(regCovar, 'regCovar', { min: 0 });
  const given = options.dof;
  if (typeof given === 'number') {
    assertNumber(given, 'dof', { min: 0, exclusiveMin: true });
    return { regCovar, dof: { learn: false, value: given }, spec: { regCovar, dof: given } };
  }
  if (given !== undefined && (given === null || typeof given !== 'object')) {
    throw new InvalidInputError(
      { argument: 'dof', value: String(given) },
      'expected a number (fixed ν) or { initial?, min?, max? } (learned ν)',
    );
  }
  const min = given?.min ?? 0.5;
  const max = given?.max ?? 1000;
  const initial = given?.initial ?? 10;
  assertNumber(min, 'dof.min', { min: 0, exclusiveMin: true });
  assertNumber(max, 'dof.max', { min });
  assertNumber(initial, 'dof.initial', { min, max });
  return {
    regCovar,
    dof: { learn: true, initial, min, max },
    spec: { regCovar, dof: { initial, min, max } },
  };
}

/** Reads ν from a parameter document's `dof`, within what the family allows (fixed or bounds). */
export function checkDof(dof: number, resolved: ResolvedDof, kind: string): number {
  const ok = resolved.learn ? dof >= resolved.min && dof <= resolved.max : dof === resolved.value;
  if (!ok) {
    throw new InvalidInputError(
      { argument: 'json.dof', value: dof },
      resolved.learn
        ? `${kind}: ν must lie in [${resolved.min}, ${resolved.max}] for this family`
        : `${kind}: this family fixes ν at ${resolved.value}`,
    );
  }
  return dof;
}
