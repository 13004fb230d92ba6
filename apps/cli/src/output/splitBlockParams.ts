import type { JsonValue } from '@mixkit/core';

/**
 * One component's parameters per family block: the parameters themselves for a single block,
 * the factor parameters of a product otherwise (the first array of `{kind, ...}` objects in its
 * JSON, in factor order).
 */
export function splitBlockParams(params: JsonValue, nBlocks: number): JsonValue[] {
  if (nBlocks === 1) return [params];
  if (params !== null && typeof params === 'object' && !Array.isArray(params)) {
    for (const value of Object.values(params as { readonly [key: string]: JsonValue })) {
      if (
        Array.isArray(value) &&
        value.length === nBlocks &&
        value.every((part) => part !== null && typeof part === 'object' && 'kind' in part)
      ) {
        return [...(value as readonly JsonValue[])];
      }
    }
  }
  return Array.from({ length: nBlocks }, () => null);
}
