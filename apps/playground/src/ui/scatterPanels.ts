import { alignLabels } from '../color/alignLabels.js';
import { type ColorBlender, hexOf } from '../color/colorBlender.js';
import type { EmSnapshot } from '../fit/fitProtocol.js';
import type { FitRun } from '../fit/fitRun.js';
import type { Frame } from '../fit/timeline.js';
import { covarianceEllipse } from '../geometry/covarianceEllipse.js';
import { fade } from '../methods/clusterColors.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import {
  type Marker,
  type Outline,
  paddedExtent,
  SCATTER_MARGINS,
  type ScatterFrame,
  type ScatterStep,
} from '../views/scatterView.js';

/**
 * Above this many rows the 1-D view draws an even subsample (its rug and responsibility dots are
 * SVG, redrawn whole at every step); the fit always uses every row, and the 2-D view draws every
 * row (on a canvas when there are many).
 */
export const MAX_DRAWN_POINTS_1D = 2000;

/** Color of a point that has no assignment yet (the start of a fit). */
export const UNASSIGNED_RGB = 0xbbbbbb;

export interface PanelContext {
  readonly state: PlaygroundState;
  readonly blender: ColorBlender;
  readonly palette: readonly string[];
}

/** Evenly spaced row indices when there are more than `max` rows, else undefined (all). */
export function drawnRows(rows: number, max = MAX_DRAWN_POINTS_1D): Int32Array | undefined {
  if (rows <= max) return undefined;
  const drawn = new Int32Array(max);
  for (let p = 0; p < max; p++) drawn[p] = Math.floor((p * rows) / max);
  return drawn;
}

/** The fixed part of a 2-D panel: coordinates, labels, extents. */
export function scatterFrame(
  context: PanelContext,
  run: FitRun,
  width: number,
  ariaLabel: string,
): ScatterFrame {
  const { X, featureNames } = run.data;
  const d = X.cols;
  const cx = Math.min(context.state.xColumn, d - 1);
  const cy = Math.min(context.state.yColumn, d - 1);
  const xs = column(X.data, d, cx, undefined);
  const ys = column(X.data, d, cy, undefined);
  const height = Math.round(Math.min(560, Math.max(220, width * 0.72)));
  let xDomain = run.data.domain ?? paddedExtent(xs);
  let yDomain = run.data.domain ?? paddedExtent(ys);
  if (run.data.equalAspect) [xDomain, yDomain] = equalAspect(xDomain, yDomain, width, height);
  return {
    xs,
    ys,
    xLabel: featureNames[cx] ?? 'x',
    yLabel: featureNames[cy] ?? 'y',
    xDomain,
    yDomain,
    width,
    height,
    ariaLabel,
  };
}

/**
 * The domains widened (about their middles) so that a data unit spans as many pixels on x as on
 * y in a plot area of `width` x `height` less the scatter's margins.
 */
function equalAspect(
  x: readonly [number, number],
  y: readonly [number, number],
  width: number,
  height: number,
): [readonly [number, number], readonly [number, number]] {
  const pixelsX = Math.max(1, width - SCATTER_MARGINS.marginLeft - SCATTER_MARGINS.marginRight);
  const pixelsY = Math.max(1, height - SCATTER_MARGINS.marginTop - SCATTER_MARGINS.marginBottom);
  const spanX = x[1] - x[0];
  const spanY = y[1] - y[0];
  const scale = Math.max(spanX / pixelsX, spanY / pixelsY);
  const around = (domain: readonly [number, number], span: number): [number, number] => {
    const middle = (domain[0] + domain[1]) / 2;
    return [middle - span / 2, middle + span / 2];
  };
  return [around(x, scale * pixelsX), around(y, scale * pixelsY)];
}

/**
 * EM at one frame: the components of `frame.parameters` (ellipses at 1 and 2 standard
 * deviations, means) and the points colored by the responsibilities of `frame.assignment`.
 */
export function emStep(context: PanelContext, run: FitRun, frame: Frame): ScatterStep {
  const { X } = run.data;
  const d = X.cols;
  const cx = Math.min(context.state.xColumn, d - 1);
  const cy = Math.min(context.state.yColumn, d - 1);
  const outlines: Outline[] = [];
  const markers: Marker[] = [];
  run.em[frame.parameters]?.components.forEach((component, j) => {
    const color = component.unused
      ? hexOf(fade(context.blender.rgb(j), 0.45))
      : context.blender.color(j);
    const mx = component.mean[cx] as number;
    const my = component.mean[cy] as number;
    markers.push({ x: mx, y: my, color });
    if (component.spread !== undefined) {
      // A direction: the sectors of its spread and twice that, from the origin to the circle.
      for (const [scale, filled] of [
        [1, true],
        [2, false],
      ] as const) {
        outlines.push({
          component: j,
          color,
          points: sector(Math.atan2(my, mx), scale * component.spread),
          dashed: false,
          filled,
        });
      }
      return;
    }
    // The marginal of the (x, y) columns: the 2 x 2 block of the covariance.
    const cov = {
      xx: component.covariance[cx * d + cx] as number,
      xy: component.covariance[cx * d + cy] as number,
      yy: component.covariance[cy * d + cy] as number,
    };
    for (const [radius, filled] of [
      [1, true],
      [2, false],
    ] as const) {
      const ellipse = covarianceEllipse(mx, my, cov, radius);
      if (ellipse) {
        outlines.push({
          component: j,
          color,
          points: ellipse.points,
          dashed: !component.exact,
          filled,
          ...(component.unused ? { faint: true } : {}),
        });
      }
    }
  });
  return {
    colors: pointColors(context, X.rows, run.em[frame.assignment], undefined),
    outlines,
    markers,
  };
}

/** Vertices of a sector of the unit disc: the origin and an arc of ±half around `angle`. */
function sector(angle: number, half: number): [number, number][] {
  const spread = Math.min(Math.PI, half);
  const points: [number, number][] = [[0, 0]];
  const steps = 48;
  for (let s = 0; s <= steps; s++) {
    const a = angle - spread + (2 * spread * s) / steps;
    points.push([Math.cos(a), Math.sin(a)]);
  }
  return points;
}

/**
 * k-means at one frame: the centers of `frame.parameters` and the labels of `frame.assignment`
 * (at the final frame, the model's own labels), each cluster painted like the EM component it
 * matches best once both fits are done.
 */
export function kmeansStep(context: PanelContext, run: FitRun, frame: Frame): ScatterStep {
  const { X } = run.data;
  const d = X.cols;
  const cx = Math.min(context.state.xColumn, d - 1);
  const cy = Math.min(context.state.yColumn, d - 1);
  const centers = run.kmeans[frame.parameters]?.centers;
  const k = centers ? centers.length / d : 0;
  const labels =
    frame.phase === 'final'
      ? run.outcome?.kmeans.labels
      : frame.assignment >= 0
        ? run.kmeans[frame.assignment]?.labels
        : undefined;
  const colorOf = kmeansColors(run, k);
  const colors = labelColors(context, labels, colorOf, X.rows);
  const markers: Marker[] = [];
  for (let j = 0; j < k; j++) {
    markers.push({
      x: centers?.[j * d + cx] as number,
      y: centers?.[j * d + cy] as number,
      color: context.blender.color(colorOf[j] as number),
    });
  }
  return { colors, outlines: [], markers };
}

// Colors of one labelling under one cluster -> color mapping (the mapping changes once, when
// both fits are done and k-means clusters are matched to EM components).
const labelColorCache = new WeakMap<Int32Array, { colorOf: Int32Array; colors: Uint32Array }>();

function labelColors(
  context: PanelContext,
  labels: Int32Array | undefined,
  colorOf: Int32Array,
  rows: number,
): Uint32Array {
  const cached = labels ? labelColorCache.get(labels) : undefined;
  if (cached && cached.colorOf === colorOf) return cached.colors;
  const colors = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = labels?.[i];
    colors[i] =
      label === undefined ? UNASSIGNED_RGB : context.blender.rgb(colorOf[label] as number);
  }
  if (labels) labelColorCache.set(labels, { colorOf, colors });
  return colors;
}

const alignedColors = new WeakMap<object, Int32Array>();
const identityColors = new Map<number, Int32Array>();

/**
 * Color index of each k-means cluster, matched once the fit is done (computed once) to the EM
 * components, or to the clusters of the hard clusterer beside it.
 */
function kmeansColors(run: FitRun, k: number): Int32Array {
  const outcome = run.outcome;
  if (!outcome) {
    let identity = identityColors.get(k);
    if (!identity) {
      identity = Int32Array.from({ length: k }, (_, j) => j);
      identityColors.set(k, identity);
    }
    return identity;
  }
  let colors = alignedColors.get(outcome);
  if (!colors) {
    const reference = outcome.em?.labels ?? outcome.clusterer?.labels ?? outcome.kmeans.labels;
    colors = alignLabels(reference, outcome.kmeans.labels, k);
    alignedColors.set(outcome, colors);
  }
  return colors;
}

/**
 * Packed colors of the drawn rows (all rows when `drawn` is undefined): the worker's blended
 * responsibilities (soft) or most likely component (hard); `UNASSIGNED_RGB` when there are no
 * responsibilities yet.
 */
export function pointColors(
  context: PanelContext,
  rows: number,
  snapshot: EmSnapshot | undefined,
  drawn: Int32Array | undefined,
): Uint32Array {
  if (!snapshot) return new Uint32Array(drawn ? drawn.length : rows).fill(UNASSIGNED_RGB);
  const colors = context.state.color === 'soft' ? snapshot.colors.soft : snapshot.colors.hard;
  if (!drawn) return colors;
  const out = new Uint32Array(drawn.length);
  for (let p = 0; p < drawn.length; p++) out[p] = colors[drawn[p] as number] as number;
  return out;
}

/** Column `c` of row-major `data` with `d` columns, at the `drawn` rows (all when undefined). */
export function column(
  data: Float64Array,
  d: number,
  c: number,
  drawn: Int32Array | undefined,
): Float64Array {
  const count = drawn ? drawn.length : data.length / d;
  const out = new Float64Array(count);
  for (let p = 0; p < count; p++)
    out[p] = data[(drawn ? (drawn[p] as number) : p) * d + c] as number;
  return out;
}
