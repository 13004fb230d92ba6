import * as Plot from '@observablehq/plot';

/** One value of an objective: `x` counts iterations (k-means' half-steps sit at i - 1/2). */
export interface TracePoint {
  readonly x: number;
  readonly value: number;
}

export interface TraceSpec {
  readonly points: readonly TracePoint[];
  readonly label: string;
  readonly color: string;
  readonly width: number;
  readonly height: number;
  readonly ariaLabel: string;
}

/** A drawn trace, and a cheap move of its marker to another step. */
export interface Trace {
  readonly element: SVGSVGElement;
  /** Marks `current` (the step shown in the other views) with a rule and a ring; none if undefined. */
  mark(current: TracePoint | undefined): void;
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The objective trace (EM's mean log-likelihood or k-means' inertia) against the iteration,
 * drawn by Plot once per set of points; stepping through the fit only moves the marker (a rule
 * and a ring placed through the figure's own scales).
 */
export function createTrace(spec: TraceSpec): Trace {
  const points = spec.points.filter((p) => Number.isFinite(p.value));
  const last = Math.max(1, ...points.map((p) => p.x));
  const element = Plot.plot({
    width: spec.width,
    height: spec.height,
    ariaLabel: spec.ariaLabel,
    marginLeft: 60,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    x: {
      label: 'iteration',
      domain: [0, Math.ceil(last)],
      ticks: integerTicks(Math.ceil(last)),
      tickFormat: 'd',
    },
    y: { label: spec.label, grid: true, nice: true },
    marks: [
      Plot.line(points, { x: 'x', y: 'value', stroke: spec.color, strokeWidth: 2 }),
      Plot.dot(points, { x: 'x', y: 'value', fill: spec.color, r: 2 }),
    ],
  }) as unknown as SVGSVGElement;
  const scales = element as unknown as { scale(name: 'x' | 'y'): { apply(v: number): number } };
  const marker = document.createElementNS(SVG, 'g');
  marker.setAttribute('class', 'trace-current');
  const rule = document.createElementNS(SVG, 'line');
  rule.setAttribute('stroke', '#999');
  rule.setAttribute('stroke-dasharray', '3,3');
  rule.setAttribute('y1', String(MARGIN_TOP));
  rule.setAttribute('y2', String(spec.height - MARGIN_BOTTOM));
  const ring = document.createElementNS(SVG, 'circle');
  ring.setAttribute('r', '5');
  ring.setAttribute('fill', 'white');
  ring.setAttribute('stroke', spec.color);
  ring.setAttribute('stroke-width', '1.5');
  marker.append(rule, ring);
  element.append(marker);
  return {
    element,
    mark(current) {
      const shown = current !== undefined && Number.isFinite(current.value);
      marker.style.display = shown ? '' : 'none';
      if (!shown) return;
      const x = scales.scale('x').apply(current.x).toFixed(1);
      rule.setAttribute('x1', x);
      rule.setAttribute('x2', x);
      ring.setAttribute('cx', x);
      ring.setAttribute('cy', scales.scale('y').apply(current.value).toFixed(1));
    },
  };
}

// Plot's default margins of a figure with an x axis at the bottom (the rule spans the frame).
const MARGIN_TOP = 20;
const MARGIN_BOTTOM = 30;

/** At most about 8 whole-number iteration ticks (Plot would label 0.5 steps on short runs). */
function integerTicks(last: number): number[] {
  const step = Math.max(1, Math.ceil(last / 8));
  const ticks: number[] = [];
  for (let t = 0; t <= last; t += step) ticks.push(t);
  return ticks;
}
