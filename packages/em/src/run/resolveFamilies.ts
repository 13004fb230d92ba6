import { type AnyComponentFamily, assertInteger, InvalidInputError } from '@mixkit/core';
import type { MixtureComponents } from './mixtureOptions.js';

/** The per-component family list: `nClusters` references to one family, or the given list. */
export function resolveFamilies<Family extends AnyComponentFamily>(
  components: MixtureComponents<Family>,
): Family[] {
  if ('components' in components && components.components !== undefined) {
    const list = components.components;
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidInputError(
        { argument: 'components' },
        'expected a non-empty list of families',
      );
    }
    list.forEach((family, c) => {
      assertFamily(family, `components[${c}]`);
    });
    return [...list];
  }
  const { family, nClusters } = components as { family?: unknown; nClusters?: unknown };
  assertFamily(family, 'family');
  assertInteger(nClusters, 'nClusters', 1);
  return new Array<Family>(nClusters).fill(family as Family);
}

function assertFamily(family: unknown, argument: string): asserts family is AnyComponentFamily {
  const ok =
    family != null &&
    typeof family === 'object' &&
    typeof (family as AnyComponentFamily).logDensity === 'function' &&
    typeof (family as AnyComponentFamily).estimate === 'function';
  if (!ok) {
    throw new InvalidInputError({ argument }, 'expected a ComponentFamily (e.g. gaussianFull())');
  }
}
