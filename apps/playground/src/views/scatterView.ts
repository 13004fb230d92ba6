import * as Plot from '@observablehq/plot';

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
  /** CSS color of each drawn point, in the order of `xs`. */
  readonly fills: readonly string[];
  readonly outlines: readonly Outline[];
  readonly markers: readonly Marker[];
}

/** A drawn scatter: the element to insert, and a cheap redraw for another iteration. */
export interface Scatter {
  readonly element: HTMLElement;
  /** The points layer: Plot's SVG, which carries its `scale()`s (used to place clicks). */
  readonly points: SVGSVGElement;
  update(step: ScatterStep): void;
}

// Both layers use the same explicit margins and domains, so they share one coordinate system.
const MARGINS = { marginTop: 24, marginRight: 24, marginBottom: 36, marginLeft: 48 } as const;

type OutlinePoint = { readonly x: number; readonly y: number; readonly outline: number };

/**
 * The 2-D view as two Observable Plot layers in one box. The points layer (grid, axes, one dot
 * per point) is drawn once per frame; stepping through iterations only rewrites the dots' fill
 * colors in place. The overlay (covariance ellipses and component centers, a few hundred
 * vertices) is redrawn by Plot at every step. Redrawing 5,000 dots with Plot at every step
 * took 200-700 ms on the main thread; this takes a few milliseconds.
 */
export function createScatter(frame: ScatterFrame, step: ScatterStep): Scatter {
  const n = frame.xs.length;
  const radius = n > 3000 ? 1.6 : n > 600 ? 2.4 : 3.2;
  const scales = {
    x: { label: frame.xLabel, domain: [...frame.xDomain] },
    y: { label: frame.yLabel, domain: [...frame.yDomain] },
  };
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
        { length: n },
        {
          x: frame.xs,
          y: frame.ys,
          fill: step.fills,
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
  let overlay: Element | undefined;
  const circles = () => points.querySelectorAll('g.data-points circle');

  const update = (next: ScatterStep) => {
    const dots = circles();
    for (let i = 0; i < dots.length; i++) {
      const fill = next.fills[i] ?? '#999999';
      const dot = dots[i] as Element;
      if (dot.getAttribute('fill') !== fill) dot.setAttribute('fill', fill);
    }
    const drawn = renderOverlay(frame, scales, next);
    drawn.setAttribute('class', `${drawn.getAttribute('class') ?? ''} scatter-overlay`);
    (drawn as SVGSVGElement).style.cssText =
      'position:absolute;left:0;top:0;pointer-events:none;background:none';
    if (overlay) overlay.replaceWith(drawn);
    else element.append(drawn);
    overlay = drawn;
  };
  update(step);
  return { element, points, update };
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
