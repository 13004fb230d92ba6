import * as Plot from '@observablehq/plot';
import type { CondensedTreeLayout } from '../methods/methodProtocol.js';
import { scalesOf } from './plotScales.js';

const UNSELECTED = '#c9c9c9';
const SVG = 'http://www.w3.org/2000/svg';

export interface CondensedTreeViewOptions {
  readonly width: number;
  readonly height: number;
  /** The color of cluster `label` (as the points are painted). */
  color(label: number): string;
}

/**
 * HDBSCAN's condensed tree as an icicle plot: λ = 1 / distance grows downward; each cluster is
 * a shape from its birth to its death, as wide as the rows still in it, narrowing as rows fall
 * out as noise and ending where it splits in two (its children hang below) or runs out. The
 * selected clusters are filled in their color and numbered: the area of a shape is its
 * stability (persistence), which excess-of-mass selection maximises.
 */
export function renderCondensedTree(
  layout: CondensedTreeLayout,
  options: CondensedTreeViewOptions,
): SVGSVGElement {
  const selected = Array.from({ length: layout.clusters }, (_, c) => c).filter(
    (c) => (layout.label[c] as number) >= 0,
  );
  const plot = Plot.plot({
    width: options.width,
    height: options.height,
    marginLeft: 56,
    marginBottom: 12,
    ariaLabel: 'condensed tree',
    x: { axis: null, domain: [0, layout.rows] },
    y: { label: 'λ = 1 / distance', domain: [0, layout.maxLambda], reverse: true, grid: true },
    marks: [
      Plot.text(selected, {
        x: (c: number) => layout.center[c],
        y: (c: number) => layout.birthLambda[c],
        text: (c: number) => `#${layout.label[c]}`,
        dy: -6,
        fontSize: 10,
        fontWeight: 600,
        fill: (c: number) => options.color(layout.label[c] as number),
      }),
    ],
  }) as unknown as SVGSVGElement;
  const { x, y } = scalesOf(plot);
  const group = document.createElementNS(SVG, 'g');
  group.setAttribute('class', 'condensed-tree-clusters');
  // Children after parents (layout order), so a child's outline is drawn over its parent's end.
  for (let c = 0; c < layout.clusters; c++) {
    const start = layout.profileStart[c] as number;
    const end = layout.profileStart[c + 1] as number;
    const center = layout.center[c] as number;
    const right: string[] = [];
    const left: string[] = [];
    for (let s = start; s < end; s++) {
      const half = (layout.profileWidth[s] as number) / 2;
      const lambda = layout.profileLambda[s] as number;
      const next = s + 1 < end ? (layout.profileLambda[s + 1] as number) : lambda;
      for (const at of [lambda, next]) {
        right.push(`${x.apply(center + half).toFixed(1)},${y.apply(at).toFixed(1)}`);
        left.push(`${x.apply(center - half).toFixed(1)},${y.apply(at).toFixed(1)}`);
      }
    }
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', `M${[...right, ...left.reverse()].join('L')}Z`);
    const label = layout.label[c] as number;
    const color = label >= 0 ? options.color(label) : UNSELECTED;
    path.setAttribute('fill', color);
    path.setAttribute('fill-opacity', label >= 0 ? '0.8' : '0.55');
    path.setAttribute('stroke', color);
    path.setAttribute('stroke-width', label >= 0 ? '1.5' : '0.5');
    if (label >= 0) path.setAttribute('class', 'selected-cluster');
    group.append(path);
    const parent = layout.parent[c] as number;
    if (parent >= 0) {
      // The split: a line from the parent's middle to the child's, where the child is born.
      const link = document.createElementNS(SVG, 'line');
      const birth = y.apply(layout.birthLambda[c] as number).toFixed(1);
      link.setAttribute('x1', x.apply(layout.center[parent] as number).toFixed(1));
      link.setAttribute('x2', x.apply(center).toFixed(1));
      link.setAttribute('y1', birth);
      link.setAttribute('y2', birth);
      link.setAttribute('stroke', '#666');
      group.append(link);
    }
  }
  // Under the labels, over the grid.
  plot.insertBefore(group, plot.lastChild);
  return plot;
}
