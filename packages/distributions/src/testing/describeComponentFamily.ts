import type { ComponentFamily } from '@mixkit/core';
import { describe, it } from 'vitest';
import { conformanceChecks } from './conformanceChecks.js';
import type { ConformanceOptions } from './types.js';

/**
 * Registers the conformance suite of a component family with vitest: one `describe` per case,
 * one test per check (normalisation, recovery, merge/weights/scale/stride properties, JSON and
 * spec round trips, input validation, parameter counts, degenerate statistics).
 *
 * Call it at the top level of a test file:
 * ```ts
 * describeComponentFamily('poisson', poisson(), { cases: [...] });
 * ```
 * A check listed in `expectedFailures` runs as an expected failure (`it.fails`): the suite stays
 * green while it fails and turns red once it starts passing, so the entry cannot go stale.
 */
export function describeComponentFamily<P, S>(
  name: string,
  family: ComponentFamily<P, S>,
  options: ConformanceOptions,
): void {
  const checks = conformanceChecks(family, options);
  const expected = options.expectedFailures ?? {};
  describe(`${name} (${family.kind}) conforms to ComponentFamily`, () => {
    for (const caseName of new Set(checks.map((check) => check.caseName))) {
      describe(caseName, () => {
        for (const check of checks) {
          if (check.caseName !== caseName) continue;
          const reason = expected[check.check];
          if (reason === undefined) {
            it(`${check.check}: ${check.title}`, check.run);
          } else {
            it.fails(`${check.check}: ${check.title} [expected failure: ${reason}]`, check.run);
          }
        }
      });
    }
  });
}
