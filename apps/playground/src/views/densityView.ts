import * as Plot from '@observablehq/plot';
import { bin, max, min } from 'd3';

export interface DensitySpec {
  /** The 1-D data (all of it: the histogram). */
  readonly values: ArrayLike<number>;
  /** The values drawn one by one (the rug and the responsibilities; a subsample of large data). */
  readonly drawn: Float64Array;
  /** CSS color of each drawn value (blended responsibilities or label). */
  readonly fills: readonly string[];
  /** Grid where the component densities were evaluated. */
  readonly grid: ArrayLike<number>;
  /** Per component: weight x density on the grid, and its color. */
  readonly components: readonly { readonly density: ArrayLike<number>; readonly color: string }[];
  /** Row-major (drawn rows) x k responsibilities (for the lower panel), or undefined to skip it. */
  readonly responsibilities?: ArrayLike<number>;
  readonly xLabel: string;
  readonly width: number;
  readonly height: number;
  readonly ariaLabel: string;
}

/**
 * The classic 1-D picture of EM: a density-scaled histogram of the data, each component's
 * weighted density and their sum on top, and under it every point drawn at the height of its
 * responsibility for each component, so the E-step's answer to "which Gaussian did I come
 * from?" is visible and moves with the iterations.
 */
export function renderDensity(spec: DensitySpec): HTMLElement {
  const n = spec.values.length;
  const values = Array.from(spec.values);
  const lo = min(values) ?? 0;
  const hi = max(values) ?? 1;
  const bins = bin()
    .domain([lo, hi])
    .thresholds(Math.max(10, Math.min(60, Math.round(Math.sqrt(n) * 1.5))))(values);
  const histogram = bins.map((b) => {
    const x0 = b.x0 ?? lo;
    const x1 = b.x1 ?? hi;
    return { x0, x1, density: x1 > x0 ? b.length / (n * (x1 - x0)) : 0 };
  });
  const curves: { x: number; y: number; component: number }[] = [];
  const total: { x: number; y: number }[] = [];
  for (let g = 0; g < spec.grid.length; g++) {
    let sum = 0;
    spec.components.forEach((component, index) => {
      const y = component.density[g] ?? 0;
      sum += y;
      curves.push({ x: spec.grid[g] as number, y, component: index });
    });
    total.push({ x: spec.grid[g] as number, y: sum });
  }
  const colorOf = (c: { component: number }) => spec.components[c.component]?.color ?? '#888';
  const xDomain: [number, number] = [
    Math.min(lo, spec.grid[0] ?? lo),
    Math.max(hi, spec.grid[spec.grid.length - 1] ?? hi),
  ];
  const top = Math.max(
    max(histogram, (b) => b.density) ?? 0,
    max(total, (t) => t.y) ?? 0,
    Number.MIN_VALUE,
  );
  const rug = top * 0.08;
  const histogramPlot = Plot.plot({
    width: spec.width,
    height: spec.height,
    ariaLabel: spec.ariaLabel,
    color: { type: 'identity' },
    x: { label: spec.xLabel, domain: xDomain },
    y: { label: 'density', grid: true, domain: [-rug, top * 1.05] },
    marks: [
      Plot.rectY(histogram, { x1: 'x0', x2: 'x1', y: 'density', fill: '#d9d9d9', inset: 0.5 }),
      // The mixture's density first, so the components are drawn over it.
      Plot.line(total, {
        x: 'x',
        y: 'y',
        stroke: '#555',
        strokeDasharray: '4,3',
        strokeWidth: 1.5,
      }),
      Plot.line(curves, { x: 'x', y: 'y', z: 'component', stroke: colorOf, strokeWidth: 2.5 }),
      // A rug under the axis: each point in its responsibility color.
      Plot.ruleX(
        { length: spec.drawn.length },
        {
          x: spec.drawn,
          y1: 0,
          y2: -rug,
          stroke: spec.fills,
          strokeOpacity: 0.8,
          className: 'data-points',
        },
      ),
      Plot.ruleY([0]),
    ],
  });
  const wrapper = document.createElement('div');
  wrapper.append(histogramPlot);
  const responsibilities = spec.responsibilities;
  const k = spec.components.length;
  if (responsibilities && k > 0) {
    const dots: { x: number; r: number; component: number }[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        dots.push({
          x: values[i] as number,
          r: responsibilities[i * k + j] as number,
          component: j,
        });
      }
    }
    wrapper.append(
      Plot.plot({
        width: spec.width,
        height: Math.round(spec.height * 0.45),
        ariaLabel: 'responsibilities',
        color: { type: 'identity' },
        x: { label: spec.xLabel, domain: xDomain },
        y: { label: 'P(component | x)', domain: [0, 1], grid: true },
        marks: [Plot.dot(dots, { x: 'x', y: 'r', fill: colorOf, r: 1.8, fillOpacity: 0.6 })],
      }),
    );
  }
  return wrapper;
}
