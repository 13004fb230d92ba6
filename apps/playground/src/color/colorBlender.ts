/**
 * Colors a point by its responsibilities: the component colors mixed in proportion to
 * P(component | point). Mixing happens in linear-light RGB, not on the sRGB-encoded bytes, so an
 * even mix of two colors looks like their physical average rather than a muddy dark one
 * (sRGB transfer function from IEC 61966-2-1).
 */
export interface ColorBlender {
  /** Number of component colors. */
  readonly size: number;
  /**
   * The `#rrggbb` color of `weights[offset + j * stride]`, j < count, used as mixing weights for
   * the first `count` colors (the number of components, which is often fewer than the palette).
   * Weights are normalised by their sum, so unnormalised or float32-rounded rows are fine; a row
   * whose weights are all zero (or not finite) gets the neutral `fallback` color.
   */
  blend(weights: ArrayLike<number>, offset?: number, stride?: number, count?: number): string;
  /** `blend` as a packed `0xrrggbb` number (for canvas drawing: no string per point). */
  blendRgb(weights: ArrayLike<number>, offset?: number, stride?: number, count?: number): number;
  /** The color of component `index` (hard assignment). */
  color(index: number): string;
  /** `color` as a packed `0xrrggbb` number. */
  rgb(index: number): number;
}

/** `#rrggbb` of a packed `0xrrggbb` color. */
export function hexOf(rgb: number): string {
  return `#${rgb.toString(16).padStart(6, '0')}`;
}

/** Color used when a point has no usable responsibilities. */
export const FALLBACK_COLOR = '#888888';
/** `FALLBACK_COLOR` packed. */
export const FALLBACK_RGB = 0x888888;

export function createColorBlender(palette: readonly string[]): ColorBlender {
  if (palette.length === 0) throw new RangeError('createColorBlender: palette is empty');
  const linear = new Float64Array(palette.length * 3);
  palette.forEach((hex, index) => {
    const match = /^#([0-9a-f]{6})$/i.exec(hex);
    if (!match?.[1]) {
      throw new RangeError(`createColorBlender: palette[${index}] = '${hex}' is not #rrggbb`);
    }
    const value = Number.parseInt(match[1], 16);
    linear[index * 3] = toLinear((value >> 16) & 255);
    linear[index * 3 + 1] = toLinear((value >> 8) & 255);
    linear[index * 3 + 2] = toLinear(value & 255);
  });
  const normalized = palette.map((hex) => hex.toLowerCase());
  const packed = normalized.map((hex) => Number.parseInt(hex.slice(1), 16));

  const blendRgb = (
    weights: ArrayLike<number>,
    offset = 0,
    stride = 1,
    count = Math.min(palette.length, weights.length),
  ): number => {
    if (count > palette.length) {
      throw new RangeError(`blend: ${count} weights but only ${palette.length} colors`);
    }
    let r = 0;
    let g = 0;
    let b = 0;
    let total = 0;
    for (let j = 0; j < count; j++) {
      const w = weights[offset + j * stride] ?? 0;
      if (!(w > 0)) continue;
      r += w * (linear[j * 3] as number);
      g += w * (linear[j * 3 + 1] as number);
      b += w * (linear[j * 3 + 2] as number);
      total += w;
    }
    if (!(total > 0) || !Number.isFinite(total)) return FALLBACK_RGB;
    return (toByte(r / total) << 16) | (toByte(g / total) << 8) | toByte(b / total);
  };

  return {
    size: palette.length,
    blendRgb,
    blend: (weights, offset, stride, count) => hexOf(blendRgb(weights, offset, stride, count)),
    color(index) {
      return normalized[index % normalized.length] as string;
    },
    rgb(index) {
      return packed[index % packed.length] as number;
    },
  };
}

function toLinear(byte: number): number {
  const c = byte / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Resolution of the linear-light -> sRGB byte table (the slope of the curve is highest at 0). */
const ENCODE_STEPS = 8192;
/** sRGB byte of linear-light value v / ENCODE_STEPS: a constant table, 3 pow calls a point saved. */
const ENCODED = Uint8Array.from({ length: ENCODE_STEPS + 1 }, (_, i) => {
  const c = i / ENCODE_STEPS;
  const encoded = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(encoded * 255);
});

function toByte(linearValue: number): number {
  const c = Math.min(1, Math.max(0, linearValue));
  return ENCODED[Math.round(c * ENCODE_STEPS)] as number;
}
