import { NOISE } from '@mixkit/core';
import type { ColorBlender } from '../color/colorBlender.js';

/** Color of a noise row (light gray: it belongs to no cluster). */
export const NOISE_RGB = 0xd9d9d9;

/**
 * Each row's packed color: its cluster's palette color, or `NOISE_RGB` for noise. With
 * `strength` (in [0, 1], e.g. HDBSCAN's membership probability) a color is faded toward white,
 * to opacity 0.2 + 0.8·strength: what drawing it translucent on the white page would show, as
 * one packed color the canvas and the SVG circles both paint.
 */
export function clusterColors(
  labels: Int32Array,
  blender: ColorBlender,
  strength?: Float64Array,
): Uint32Array {
  const out = new Uint32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label === NOISE) {
      out[i] = NOISE_RGB;
      continue;
    }
    const rgb = blender.rgb(label);
    out[i] = strength ? fade(rgb, 0.2 + 0.8 * (strength[i] as number)) : rgb;
  }
  return out;
}

/** `rgb` at opacity `alpha` over white. */
export function fade(rgb: number, alpha: number): number {
  const channel = (shift: number) => {
    const c = (rgb >> shift) & 0xff;
    return Math.round(255 - (255 - c) * alpha) << shift;
  };
  return (channel(16) | channel(8) | channel(0)) >>> 0;
}
