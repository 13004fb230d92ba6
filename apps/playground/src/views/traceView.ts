import * as Plot from '@observablehq/plot';

/** One value of an objective: `x` counts iterations (k-means' half-steps sit at i - 1/2). */
export interface TracePoint {
  readonly x: number;
  readonly value: number;
}

export interface TraceSpec {
  readonly points: readonly TracePoint[];
  /** The point of the step shown in the other views; marked with a rule and a ring. */
  readonly current: TracePoint | undefined;
  readonly label: string;
  readonly color: string;
  readonly width: number;
  readonly height: number;
  readonly ariaLabel: string;
}

/** The objective trace (EM's mean log-likelihood or k-means' inertia) against the iteration. */
export function renderTrace(spec: TraceSpec): SVGSVGElement | HTMLElement {
  const points = spec.points.filter((p) => Number.isFinite(p.value));
  const last = Math.max(1, ...points.map((p) => p.x));
  return Plot.plot({
    width: spec.width,
    height: spec.height,
    ariaLabel: spec.ariaLabel,
    marginLeft: 60,
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
      ...(spec.current && Number.isFinite(spec.current.value)
        ? [
            Plot.ruleX([spec.current.x], { stroke: '#999', strokeDasharray: '3,3' }),
            Plot.dot([spec.current], {
              x: 'x',
              y: 'value',
              r: 5,
              stroke: spec.color,
              fill: 'white',
            }),
          ]
        : []),
    ],
  });
}

/** At most about 8 whole-number iteration ticks (Plot would label 0.5 steps on short runs). */
function integerTicks(last: number): number[] {
  const step = Math.max(1, Math.ceil(last / 8));
  const ticks: number[] = [];
  for (let t = 0; t <= last; t += step) ticks.push(t);
  return ticks;
}
