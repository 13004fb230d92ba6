import type { AnyComponentFamily } from '@mixkit/core';
import { ConformanceError, catchInvalidInput } from '../helpers.js';

/**
 * Check: `checkParams` accepts the family's own parameters and refuses a value of another
 * shape (an empty object, an array, null) with an `InvalidInputError` whose argument starts
 * with the one it was given.
 */
export function checkCheckParams(family: AnyComponentFamily, params: unknown): void {
  const check = family.checkParams;
  if (check === undefined) return;
  try {
    check(params, 'params');
  } catch (error) {
    throw new ConformanceError(
      'check-params',
      `refused the family's own parameters: ${String(error)}`,
    );
  }
  for (const other of [{}, [], null, { mean: [0] }]) {
    const outcome = catchInvalidInput(() => check(other, 'init.params[2]'));
    if (typeof outcome === 'string') {
      throw new ConformanceError('check-params', `${JSON.stringify(other)}: ${outcome}`);
    }
    if (!outcome.argument.startsWith('init.params[2]')) {
      throw new ConformanceError(
        'check-params',
        `${JSON.stringify(other)}: the error names '${outcome.argument}', not the argument given`,
      );
    }
  }
}
