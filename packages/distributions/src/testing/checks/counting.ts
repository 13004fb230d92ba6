import { type AnyComponentFamily, DegenerateComponentError } from '@mixkit/core';
import { ConformanceError } from '../helpers.js';

/** Check 6: the free and shared parameter counts match the hand-computed ones. */
export function checkParameterCount(
  family: AnyComponentFamily,
  params: unknown,
  expected: number,
  expectedShared: number,
): void {
  const free = family.nParameters(params);
  const shared = family.nSharedParameters?.(params) ?? 0;
  if (free !== expected || shared !== expectedShared) {
    throw new ConformanceError(
      'parameter-count',
      `nParameters = ${free}, nSharedParameters = ${shared}; expected ${expected} and ${expectedShared}`,
    );
  }
}

/** Check: estimating from empty statistics throws DegenerateComponentError('empty'). */
export function checkEmptyStats(family: AnyComponentFamily, dimension: number): void {
  const attempts: [string, () => unknown][] = [
    ['estimate', () => family.estimate(family.createStats(dimension))],
  ];
  if (family.estimateAll !== undefined) {
    attempts.push(['estimateAll', () => family.estimateAll?.([family.createStats(dimension)])]);
  }
  for (const [name, attempt] of attempts) {
    try {
      attempt();
    } catch (error) {
      if (DegenerateComponentError.isInstance(error) && error.reason === 'empty') continue;
      throw new ConformanceError(
        'empty-stats',
        `${name} on empty statistics threw ${String(error)}`,
      );
    }
    throw new ConformanceError('empty-stats', `${name} on empty statistics did not throw`);
  }
}
