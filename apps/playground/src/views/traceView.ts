import * as Plot from '@observablehq/plot';

export interface TraceSpec {
  /** Objective after each iteration, index = iteration (0 = initialisation). */
  readonly values: readonly number[];
  /** Iteration currently shown in the other views; marked with a rule and a dot. */
  readonly current: number;
  readonly label: string;
  readonly color: string;
  readonly width: number;
  readonly height: number;
  readonly ariaLabel: string;
}

/** The objective trace (EM's mean log-likelihood or k-means' inertia) against the iteration. */
export function renderTrace(spec: TraceSpec): SVGSVGElement | HTMLElement {
  const points = spec.values.map((value, iteration) => ({ iteration, value }));
  const current = points[Math.min(spec.current, points.length - 1)];
  return Plot.plot({
    width: spec.width,
    height: spec.height,
    ariaLabel: spec.ariaLabel,
    marginLeft: 60,
    x: {
      label: 'iteration',
      domain: [0, Math.max(1, points.length - 1)],
      ticks: integerTicks(points.length),
      tickFormat: 'd',
    },
    y: { label: spec.label, grid: true, nice: true },
    marks: [
      Plot.line(points, { x: 'iteration', y: 'value', stroke: spec.color, strokeWidth: 2 }),
      Plot.dot(points, { x: 'iteration', y: 'value', fill: spec.color, r: 2 }),
      ...(current
        ? [
            Plot.ruleX([current.iteration], { stroke: '#999', strokeDasharray: '3,3' }),
            Plot.dot([current], {
              x: 'iteration',
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

/** At most about 10 whole-number iteration ticks (Plot would label 0.5 steps on short runs). */
function integerTicks(length: number): number[] {
  const last = Math.max(1, length - 1);
  const step = Math.max(1, Math.ceil(last / 10));
  const ticks: number[] = [];
  for (let t = 0; t <= last; t += step) ticks.push(t);
  return ticks;
}
