import { describe, expect, it } from 'vitest';
import { preferKernelMemory, prefersKernelMemory } from './kernelMemoryPreference.js';

describe('preferKernelMemory', () => {
  it('marks the object itself, invisibly to JSON and key listings', () => {
    const family = { kind: 'x' };
    expect(prefersKernelMemory(family)).toBe(false);
    expect(preferKernelMemory(family)).toBe(family);
    expect(prefersKernelMemory(family)).toBe(true);
    expect(Object.keys(family)).toEqual(['kind']);
    expect(JSON.stringify(family)).toBe('{"kind":"x"}');
  });

  it('answers false for anything unmarked, including primitives and spread copies', () => {
    const marked = preferKernelMemory({ a: 1 });
    for (const value of [undefined, null, 0, 'x', {}, { ...marked }]) {
      expect(prefersKernelMemory(value)).toBe(false);
    }
  });
});
