import { describe, expect, it } from 'vitest';
import { createColorBlender, FALLBACK_COLOR } from './colorBlender.js';

const palette = ['#4e79a7', '#f28e2c', '#e15759'];

describe('createColorBlender', () => {
  it('gives each component its own color for a one-hot row (hard assignment)', () => {
    const blender = createColorBlender(palette);
    expect(blender.blend([1, 0, 0])).toBe('#4e79a7');
    expect(blender.blend([0, 1, 0])).toBe('#f28e2c');
    expect(blender.blend([0, 0, 1])).toBe('#e15759');
    expect(blender.color(1)).toBe('#f28e2c');
  });

  it('mixes in linear light: half black, half white is sRGB 188, not 128', () => {
    // 0.5 linear encodes to 1.055 * 0.5^(1/2.4) - 0.055 = 0.7354 -> 187.5 -> 188 = 0xbc.
    const blender = createColorBlender(['#000000', '#ffffff']);
    expect(blender.blend([0.5, 0.5])).toBe('#bcbcbc');
  });

  it('normalises the weights by their sum', () => {
    const blender = createColorBlender(['#000000', '#ffffff']);
    expect(blender.blend([3, 3])).toBe(blender.blend([0.5, 0.5]));
    expect(blender.blend([2, 0])).toBe('#000000');
  });

  it('reads a strided column of a row-major responsibility matrix', () => {
    const blender = createColorBlender(palette);
    // 2 rows x 3 components; row 1 is one-hot on component 2.
    const responsibilities = new Float32Array([0.2, 0.3, 0.5, 0, 0, 1]);
    expect(blender.blend(responsibilities, 3, 1, 3)).toBe('#e15759');
    // Column-major reading of the same buffer: component j of row 0 at 0 + 2j.
    expect(blender.blend(new Float64Array([1, 9, 0, 9, 0, 9]), 0, 2, 3)).toBe('#4e79a7');
  });

  it('reads only `count` weights when there are fewer components than colors', () => {
    const blender = createColorBlender(palette);
    // 2 components, rows [1, 0] and [0, 1]: row 0 must not pick up row 1's weights.
    const responsibilities = new Float64Array([1, 0, 0, 1]);
    expect(blender.blend(responsibilities, 0, 1, 2)).toBe('#4e79a7');
    expect(blender.blend(responsibilities, 2, 1, 2)).toBe('#f28e2c');
  });

  it('rejects more weights than colors', () => {
    expect(() => createColorBlender(palette).blend([0.5, 0.5, 0, 0], 0, 1, 4)).toThrow(
      /4 weights but only 3 colors/,
    );
  });

  it('uses the fallback color for an all-zero or non-finite row instead of NaN', () => {
    const blender = createColorBlender(palette);
    expect(blender.blend([0, 0, 0])).toBe(FALLBACK_COLOR);
    expect(blender.blend([Number.NaN, 0, 0])).toBe(FALLBACK_COLOR);
    expect(blender.blend([Number.POSITIVE_INFINITY, 0, 0])).toBe(FALLBACK_COLOR);
  });

  it('keeps a mix of two colors between them on every channel', () => {
    const blender = createColorBlender(palette);
    const mixed = blender.blend([0.3, 0.7, 0]);
    const channel = (hex: string, i: number) =>
      Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    for (let i = 0; i < 3; i++) {
      const [lo, hi] = [channel('#4e79a7', i), channel('#f28e2c', i)].sort((a, b) => a - b);
      expect(channel(mixed, i)).toBeGreaterThanOrEqual(lo as number);
      expect(channel(mixed, i)).toBeLessThanOrEqual(hi as number);
    }
  });

  it('rejects an empty palette and malformed colors', () => {
    expect(() => createColorBlender([])).toThrow(/empty/);
    expect(() => createColorBlender(['#abc'])).toThrow(/palette\[0\] = '#abc'/);
  });
});
