import * as Plot from '@observablehq/plot';
import type { ReachabilityBars } from '../methods/methodProtocol.js';
import { onPressY } from './plotScales.js';

const CUT_COLOR = '#c0392b';
const NOISE_COLOR = '#cfcfcf';

export interface ReachabilityViewOptions {
  readonly width: number;
  readonly height: number;
  /** The color of cluster `label` (as the points are painted). */
  color(label: number): string;
  /** A press in the figure asks for that extraction radius. */
  onEps?(eps: number): void;
}

/**
 * OPTICS' reachability plot: one bar per (binned) row in the OPTICS order, as high as its
 * reachability distance; valleys are clusters. The extraction radius is the dashed line: rows
 * below it in a valley form a cluster (bars in its color), rows above it are noise (gray). An
 * infinite reachability (a row that starts a new region) is drawn to the top, lighter.
 */
export function renderReachability(
  bars: ReachabilityBars,
  options: ReachabilityViewOptions,
): SVGSVGElement {
  const indices = Array.from({ length: bars.values.length }, (_, i) => i);
  const top = Math.max(bars.maxFinite, bars.epsCluster, bars.maxEps) * 1.06 || 1;
  const height = (i: number) => {
    const value = bars.values[i] as number;
    return Number.isFinite(value) ? value : top;
  };
  const fill = (i: number) => {
    const label = bars.labels[i] as number;
    return label >= 0 ? options.color(label) : NOISE_COLOR;
  };
  const plot = Plot.plot({
    width: options.width,
    height: options.height,
    marginLeft: 56,
    ariaLabel: 'reachability plot',
    x: {
      label: `rows in OPTICS order (${bars.rows.toLocaleString('en-US')})`,
      domain: [0, bars.values.length],
      ticks: [],
    },
    y: { label: 'reachability distance', domain: [0, top], grid: true },
    marks: [
      Plot.rectY(indices, {
        x1: (i: number) => i,
        x2: (i: number) => i + 1,
        y: height,
        fill,
        fillOpacity: (i: number) => (Number.isFinite(bars.values[i] as number) ? 1 : 0.35),
        className: 'reachability-bars',
      }),
      ...(bars.maxEps < top
        ? [Plot.ruleY([bars.maxEps], { stroke: '#777', strokeDasharray: '2,3' })]
        : []),
      Plot.ruleY([bars.epsCluster], {
        stroke: CUT_COLOR,
        strokeDasharray: '6,4',
        strokeWidth: 1.5,
        className: 'reachability-cut',
      }),
      Plot.text([bars.epsCluster], {
        y: (e: number) => e,
        frameAnchor: 'right',
        text: () => 'eps',
        dy: -7,
        fill: CUT_COLOR,
        fontSize: 11,
      }),
    ],
  }) as unknown as SVGSVGElement;
  if (options.onEps) {
    const onEps = options.onEps;
    onPressY(plot, (y) => {
      if (y > 0) onEps(Number(y.toPrecision(4)));
    });
  }
  return plot;
}
