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

export interface ScatterSpec {
  /** Coordinates of the drawn points. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** CSS color of each drawn point. */
  readonly fills: readonly string[];
  readonly outlines: readonly Outline[];
  readonly markers: readonly Marker[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Fixed axis extents (clicked data); otherwise Plot fits the points and outlines. */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  readonly width: number;
  readonly height: number;
  readonly ariaLabel: string;
}

type OutlinePoint = { readonly x: number; readonly y: number; readonly outline: number };

/**
 * The 2-D view: points colored by the caller (blended responsibilities or labels), Gaussian
 * components as covariance ellipses, and component centers as crosses. Colors are literal CSS
 * colors (identity color scale), so the picture is fully decided by the caller's `fills`.
 */
export function renderScatter(spec: ScatterSpec): SVGSVGElement | HTMLElement {
  const outlinePoints: OutlinePoint[] = [];
  spec.outlines.forEach((outline, index) => {
    for (const [x, y] of outline.points) outlinePoints.push({ x, y, outline: index });
  });
  const outlineOf = (p: OutlinePoint) => spec.outlines[p.outline] as Outline;
  const n = spec.xs.length;
  const radius = n > 3000 ? 1.6 : n > 600 ? 2.4 : 3.2;
  return Plot.plot({
    width: spec.width,
    height: spec.height,
    ariaLabel: spec.ariaLabel,
    color: { type: 'identity' },
    x: { label: spec.xLabel, ...(spec.xDomain ? { domain: [...spec.xDomain] } : {}) },
    y: { label: spec.yLabel, ...(spec.yDomain ? { domain: [...spec.yDomain] } : {}) },
    grid: true,
    marks: [
      Plot.dot(
        { length: n },
        {
          x: spec.xs,
          y: spec.ys,
          fill: spec.fills,
          r: radius,
          fillOpacity: 0.9,
          className: 'data-points',
        },
      ),
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
              className: 'component-outlines',
            },
          ),
        ),
      ),
      Plot.dot(spec.markers, {
        x: 'x',
        y: 'y',
        stroke: 'white',
        fill: 'color',
        symbol: 'cross',
        r: 7,
        strokeWidth: 1.5,
        className: 'component-centers',
      }),
    ],
  });
}
