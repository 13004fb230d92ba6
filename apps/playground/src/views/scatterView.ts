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

type OutlinePoint = { readonly x: number; readonly y: number; readonly outline: number };

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
  let overlay: Element | undefined;

  const update = (next: ScatterStep) => {
    paint(next.colors);
    const drawn = renderOverlay(frame, scales, next);
    drawn.setAttribute('class', `${drawn.getAttribute('class') ?? ''} scatter-overlay`);
    (drawn as SVGSVGElement).style.cssText =
      'position:absolute;left:0;top:0;pointer-events:none;background:none';
    if (overlay) overlay.replaceWith(drawn);
    else element.append(drawn);
    overlay = drawn;
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
  const sx = withScales.scale('x');
  const sy = withScales.scale('y');
  const n = frame.xs.length;
  const size = Math.max(2, Math.round((n > 10_000 ? 2 : 3) * ratio));
  const half = Math.floor(size / 2);
  // Top-left pixel of each point's square, clipped to the canvas.
  const left = new Int32Array(n);
  const top = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    left[i] = Math.round(sx.apply(frame.xs[i] as number) * ratio) - half;
    top[i] = Math.round(sy.apply(frame.ys[i] as number) * ratio) - half;
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
      for (let y = y0; y < y1; y++) pixels.fill(abgr, y * width + x0, y * width + x1);
    }
    context.putImageData(image, 0, 0);
  };
}

function renderOverlay(
  frame: ScatterFrame,
  scales: { x: Plot.ScaleOptions; y: Plot.ScaleOptions },
  step: ScatterStep,
): Element {
  const outlinePoints: OutlinePoint[] = [];
  step.outlines.forEach((outline, index) => {
    for (const [x, y] of outline.points) outlinePoints.push({ x, y, outline: index });
  });
  const outlineOf = (p: OutlinePoint) => step.outlines[p.outline] as Outline;
  return Plot.plot({
    width: frame.width,
    height: frame.height,
    ...MARGINS,
    x: { ...scales.x, axis: null },
    y: { ...scales.y, axis: null },
    color: { type: 'identity' },
    style: { background: 'none' },
    marks: [
      ...[false, true].flatMap((dashed) =>
        [false, true].map((filled) =>
          Plot.line(
            outlinePoints.filter((p) => {
              const outline = outlineOf(p);
              return outline.dashed === dashed && outline.filled === filled;
            }),
            {
              x: 'x',
              y: 'y',
              z: 'outline',
              stroke: (p: OutlinePoint) => outlineOf(p).color,
              fill: filled ? (p: OutlinePoint) => outlineOf(p).color : 'none',
              fillOpacity: 0.12,
              strokeDasharray: dashed ? '5,4' : undefined,
              strokeWidth: filled ? 2 : 1.2,
              clip: true,
              className: 'component-outlines',
            },
          ),
        ),
      ),
      Plot.dot(step.markers, {
        x: 'x',
        y: 'y',
        stroke: 'white',
        fill: 'color',
        symbol: 'cross',
        r: 7,
        strokeWidth: 1.5,
        clip: true,
        className: 'component-centers',
      }),
    ],
  });
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
