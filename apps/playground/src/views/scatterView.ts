import * as Plot from '@observablehq/plot';
import { FALLBACK_RGB, hexOf } from '../color/colorBlender.js';

/** One closed outline (a covariance ellipse) in data coordinates. */
export interface Outline {
  readonly component: number;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Dashed for shapes that are not the family's own parameters (moment-matched). */
  readonly dashed: boolean;
  /** Shaded inside (the inner ellipse) or outline only. */
  readonly filled: boolean;
  /** Drawn faint and unfilled: a component the fit does not use (variational mixture). */
  readonly faint?: boolean;
}

/** A marked location (component mean or k-means center). */
export interface Marker {
  readonly x: number;
  readonly y: number;
  readonly color: string;
}

/** What stays fixed while a fit is stepped through: the points' positions and the frame. */
export interface ScatterFrame {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly width: number;
  readonly height: number;
  readonly ariaLabel: string;
}

/** What changes with every iteration. */
export interface ScatterStep {
  /** Packed `0xrrggbb` color of each drawn point, in the order of `xs`. */
  readonly colors: Uint32Array;
  readonly outlines: readonly Outline[];
  readonly markers: readonly Marker[];
}

/** A drawn scatter: the element to insert, and a cheap redraw for another iteration. */
export interface Scatter {
  readonly element: HTMLElement;
  /** The frame: Plot's SVG (axes, grid; the dots too below `CANVAS_THRESHOLD`), with its `scale()`s. */
  readonly points: SVGSVGElement;
  /** How the points are drawn: one SVG circle each, or pixels on a canvas. */
  readonly renderer: 'svg' | 'canvas';
  update(step: ScatterStep): void;
}

/**
 * Above this many points they are drawn on a canvas. SVG circles are the DOM's: easy to inspect
 * and test, but recoloring 20,000 of them took 100+ ms per frame; the canvas writes pixels into
 * one ImageData (a few milliseconds for 20,000 points).
 */
export const CANVAS_THRESHOLD = 2000;

// Both layers use the same explicit margins and domains, so they share one coordinate system.
const MARGINS = { marginTop: 24, marginRight: 24, marginBottom: 36, marginLeft: 48 } as const;
/** The scatter's margins around its plot area (for callers that size its domains). */
export const SCATTER_MARGINS = MARGINS;

/**
 * The 2-D view: an Observable Plot frame (grid, axes, and below `CANVAS_THRESHOLD` the dots), a
 * canvas for the dots of larger data, and an overlay (covariance ellipses and component centers,
 * a few hundred vertices) redrawn by Plot at every step. Stepping through iterations rewrites
 * only the dots' colors (the circles' fills, or the canvas pixels) and the overlay.
 */
export function createScatter(frame: ScatterFrame, step: ScatterStep): Scatter {
  const n = frame.xs.length;
  const renderer = n > CANVAS_THRESHOLD ? 'canvas' : 'svg';
  const radius = n > 600 ? 2.4 : 3.2;
  const scales = {
    x: { label: frame.xLabel, domain: [...frame.xDomain] },
    y: { label: frame.yLabel, domain: [...frame.yDomain] },
  };
  const hex = hexCache();
  const points = Plot.plot({
    width: frame.width,
    height: frame.height,
    ariaLabel: frame.ariaLabel,
    ...MARGINS,
    ...scales,
    color: { type: 'identity' },
    grid: true,
    marks: [
      Plot.dot(
        { length: renderer === 'svg' ? n : 0 },
        {
          x: renderer === 'svg' ? frame.xs : [],
          y: renderer === 'svg' ? frame.ys : [],
          fill: renderer === 'svg' ? Array.from(step.colors, hex) : [],
          r: radius,
          fillOpacity: 0.9,
          className: 'data-points',
        },
      ),
    ],
  }) as unknown as SVGSVGElement;
  const element = document.createElement('div');
  element.className = 'scatter';
  element.style.position = 'relative';
  element.append(points);
  const paint =
    renderer === 'canvas' ? canvasPainter(frame, points, element) : svgPainter(points, hex);
  const overlay = createOverlay(frame, points);
  element.append(overlay.element);

  const update = (next: ScatterStep) => {
    paint(next.colors);
    overlay.draw(next);
  };
  update(step);
  return { element, points, renderer, update };
}

/** `#rrggbb` strings of packed colors, each made once. */
function hexCache(): (rgb: number) => string {
  const cache = new Map<number, string>();
  return (rgb) => {
    let text = cache.get(rgb);
    if (text === undefined) {
      text = hexOf(rgb);
      cache.set(rgb, text);
    }
    return text;
  };
}

/** Recolors Plot's circles in place (only those whose color changed). */
function svgPainter(points: SVGSVGElement, hex: (rgb: number) => string) {
  const dots = points.querySelectorAll('g.data-points circle');
  return (colors: Uint32Array) => {
    for (let i = 0; i < dots.length; i++) {
      const fill = hex(colors[i] ?? FALLBACK_RGB);
      const dot = dots[i] as Element;
      if (dot.getAttribute('fill') !== fill) dot.setAttribute('fill', fill);
    }
  };
}

/**
 * Draws each point as a small square of pixels on a canvas laid over the plot area. Positions
 * are mapped through Plot's own scales once; a redraw writes one ImageData.
 */
function canvasPainter(frame: ScatterFrame, points: SVGSVGElement, element: HTMLElement) {
  const ratio = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const width = Math.round(frame.width * ratio);
  const height = Math.round(frame.height * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = 'scatter-canvas';
  canvas.style.cssText =
    'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none';
  element.append(canvas);
  const context = canvas.getContext('2d');
  const withScales = points as unknown as { scale(name: 'x' | 'y'): { apply(v: number): number } };
  // Both scales are linear: two points fix each map, so 20,000 points need no scale calls.
  const linear = (scale: { apply(v: number): number }) => {
    const at0 = scale.apply(0);
    return { offset: at0, slope: scale.apply(1) - at0 };
  };
  const sx = linear(withScales.scale('x'));
  const sy = linear(withScales.scale('y'));
  const n = frame.xs.length;
  const size = Math.max(2, Math.round((n > 10_000 ? 2 : 3) * ratio));
  const half = Math.floor(size / 2);
  // Top-left pixel of each point's square, clipped to the canvas.
  const left = new Int32Array(n);
  const top = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    left[i] = Math.round((sx.offset + sx.slope * (frame.xs[i] as number)) * ratio) - half;
    top[i] = Math.round((sy.offset + sy.slope * (frame.ys[i] as number)) * ratio) - half;
  }
  const image = context?.createImageData(width, height);
  const pixels = image ? new Uint32Array(image.data.buffer) : new Uint32Array(0);
  return (colors: Uint32Array) => {
    if (!context || !image) return;
    pixels.fill(0);
    for (let i = 0; i < n; i++) {
      const rgb = colors[i] ?? FALLBACK_RGB;
      // ImageData is RGBA in memory: as a little-endian uint32 that is 0xAABBGGRR.
      const abgr =
        (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;
      const x0 = Math.max(0, left[i] as number);
      const x1 = Math.min(width, (left[i] as number) + size);
      const y0 = Math.max(0, top[i] as number);
      const y1 = Math.min(height, (top[i] as number) + size);
      for (let y = y0; y < y1; y++) {
        const row = y * width;
        for (let x = x0; x < x1; x++) pixels[row + x] = abgr;
      }
    }
    context.putImageData(image, 0, 0);
  };
}

const SVG = 'http://www.w3.org/2000/svg';

/** Overlays made so far: each gets its own clip-path id (ids are page-wide). */
let overlayCount = 0;

/**
 * The overlay: covariance ellipses and component centers, drawn as plain SVG paths through the
 * frame's own scales (so they line up with the points). Written by hand rather than by Plot:
 * a Plot figure per step cost ~6 ms; rewriting a few dozen paths costs well under one.
 */
function createOverlay(frame: ScatterFrame, points: SVGSVGElement) {
  const withScales = points as unknown as { scale(name: 'x' | 'y'): { apply(v: number): number } };
  const sx = withScales.scale('x');
  const sy = withScales.scale('y');
  const element = document.createElementNS(SVG, 'svg');
  element.setAttribute('class', 'scatter-overlay');
  element.setAttribute('width', String(frame.width));
  element.setAttribute('height', String(frame.height));
  element.setAttribute('viewBox', `0 0 ${frame.width} ${frame.height}`);
  element.style.cssText =
    'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;overflow:hidden';
  // Clip to the plot area, as Plot's `clip: true` would.
  const left = MARGINS.marginLeft;
  const top = MARGINS.marginTop;
  overlayCount += 1;
  const clipId = `scatter-clip-${overlayCount}`;
  const defs = document.createElementNS(SVG, 'defs');
  const clip = document.createElementNS(SVG, 'clipPath');
  clip.setAttribute('id', clipId);
  const rect = document.createElementNS(SVG, 'rect');
  rect.setAttribute('x', String(left));
  rect.setAttribute('y', String(top));
  rect.setAttribute('width', String(Math.max(0, frame.width - left - MARGINS.marginRight)));
  rect.setAttribute('height', String(Math.max(0, frame.height - top - MARGINS.marginBottom)));
  clip.append(rect);
  defs.append(clip);
  const outlines = document.createElementNS(SVG, 'g');
  outlines.setAttribute('class', 'component-outlines');
  outlines.setAttribute('clip-path', `url(#${clipId})`);
  const centers = document.createElementNS(SVG, 'g');
  centers.setAttribute('class', 'component-centers');
  centers.setAttribute('clip-path', `url(#${clipId})`);
  element.append(defs, outlines, centers);
  // A cross of "radius" 7, as Plot's symbol.
  const cross = 'M-7,-2.3H-2.3V-7H2.3V-2.3H7V2.3H2.3V7H-2.3V2.3H-7Z';

  const draw = (step: ScatterStep) => {
    const paths: SVGPathElement[] = [];
    for (const outline of step.outlines) {
      let d = '';
      outline.points.forEach(([x, y], index) => {
        d += `${index === 0 ? 'M' : 'L'}${sx.apply(x).toFixed(1)},${sy.apply(y).toFixed(1)}`;
      });
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', `${d}Z`);
      path.setAttribute('stroke', outline.color);
      const filled = outline.filled && !outline.faint;
      path.setAttribute('stroke-width', filled ? '2' : '1.2');
      path.setAttribute('fill', filled ? outline.color : 'none');
      if (filled) path.setAttribute('fill-opacity', '0.12');
      if (outline.dashed) path.setAttribute('stroke-dasharray', '5,4');
      if (outline.faint) {
        path.setAttribute('stroke-opacity', '0.35');
        path.setAttribute('class', 'unused-component');
      }
      paths.push(path);
    }
    outlines.replaceChildren(...paths);
    const marks: SVGPathElement[] = [];
    for (const marker of step.markers) {
      if (!Number.isFinite(marker.x) || !Number.isFinite(marker.y)) continue;
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', cross);
      path.setAttribute(
        'transform',
        `translate(${sx.apply(marker.x).toFixed(1)},${sy.apply(marker.y).toFixed(1)})`,
      );
      path.setAttribute('fill', marker.color);
      path.setAttribute('stroke', 'white');
      path.setAttribute('stroke-width', '1.5');
      marks.push(path);
    }
    centers.replaceChildren(...marks);
  };
  return { element, draw };
}

/** The extent of `values` padded by 4% on each side (a constant column gets +-1). */
export function paddedExtent(values: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.04 : 1;
  return [lo - pad, hi + pad];
}
