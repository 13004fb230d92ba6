import * as Plot from '@observablehq/plot';
import type { DendrogramLayout } from '../methods/methodProtocol.js';
import { onPressY } from './plotScales.js';

/** Color of the branches above the cut (they join clusters). */
const ABOVE_CUT = '#8a8a8a';
/** The cut line. */
const CUT_COLOR = '#c0392b';

export interface DendrogramViewOptions {
  readonly width: number;
  readonly height: number;
  /** The color of cluster `label` (as the points are painted). */
  color(label: number): string;
  /** A press in the figure asks for a cut at that height. */
  onCut?(height: number): void;
}

/**
 * The top of the dendrogram (Plot links): each merge a bracket at its height, the branches below
 * the cut in their cluster's color, the ones above it gray, and the cut as a dashed line. The
 * leaves are clusters of rows when the tree is truncated (their sizes under them when few).
 */
export function renderDendrogram(
  layout: DendrogramLayout,
  options: DendrogramViewOptions,
): SVGSVGElement {
  const segments = Array.from({ length: layout.x1.length }, (_, s) => s);
  const top = Math.max(layout.maxHeight, layout.cutHeight) * 1.06 || 1;
  const leaves = Array.from({ length: layout.leaves }, (_, i) => i);
  const stroke = (label: number) => (label >= 0 ? options.color(label) : ABOVE_CUT);
  const plot = Plot.plot({
    width: options.width,
    height: options.height,
    marginLeft: 56,
    marginBottom: layout.leaves <= 40 ? 30 : 16,
    ariaLabel: 'dendrogram',
    x: { axis: null, domain: [-0.5, layout.leaves - 0.5] },
    y: { label: 'merge height', domain: [0, top], grid: true },
    marks: [
      Plot.link(segments, {
        x1: (s: number) => layout.x1[s],
        y1: (s: number) => layout.y1[s],
        x2: (s: number) => layout.x2[s],
        y2: (s: number) => layout.y2[s],
        stroke: (s: number) => stroke(layout.segmentLabel[s] as number),
        strokeWidth: 1.6,
        className: 'dendrogram-links',
      }),
      Plot.ruleX(leaves, {
        x: (i: number) => i,
        y1: 0,
        y2: top * 0.012,
        stroke: (i: number) => stroke(layout.leafLabels[i] as number),
        strokeWidth: 3,
      }),
      ...(layout.leaves <= 40 && layout.drawnMerges < layout.merges
        ? [
            Plot.text(leaves, {
              x: (i: number) => i,
              y: 0,
              text: (i: number) => String(layout.leafSizes[i]),
              dy: 10,
              fontSize: 9,
              fill: '#555',
            }),
          ]
        : []),
      Plot.ruleY([layout.cutHeight], {
        stroke: CUT_COLOR,
        strokeDasharray: '6,4',
        strokeWidth: 1.5,
        className: 'dendrogram-cut',
      }),
      Plot.text([layout.cutHeight], {
        y: (h: number) => h,
        frameAnchor: 'right',
        text: () => 'cut',
        dy: -7,
        fill: CUT_COLOR,
        fontSize: 11,
      }),
    ],
  }) as unknown as SVGSVGElement;
  if (options.onCut) {
    const onCut = options.onCut;
    onPressY(plot, (y) => {
      if (y > 0) onCut(y);
    });
  }
  return plot;
}
