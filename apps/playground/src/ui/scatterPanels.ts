import { alignLabels } from '../color/alignLabels.js';
import type { ColorBlender } from '../color/colorBlender.js';
import type { EmSnapshot, KMeansSnapshot } from '../fit/fitProtocol.js';
import type { FitRun } from '../fit/fitRun.js';
import { covarianceEllipse } from '../geometry/covarianceEllipse.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import {
  type Marker,
  type Outline,
  paddedExtent,
  type ScatterFrame,
  type ScatterStep,
} from '../views/scatterView.js';

/** Above this many rows the plots draw an even subsample (the fit always uses every row). */
export const MAX_DRAWN_POINTS = 5000;

export interface PanelContext {
  readonly state: PlaygroundState;
  readonly blender: ColorBlender;
  readonly palette: readonly string[];
}

/** Evenly spaced row indices when there are too many rows to draw, else undefined (all). */
export function drawnRows(rows: number): Int32Array | undefined {
  if (rows <= MAX_DRAWN_POINTS) return undefined;
  const drawn = new Int32Array(MAX_DRAWN_POINTS);
  for (let p = 0; p < MAX_DRAWN_POINTS; p++) drawn[p] = Math.floor((p * rows) / MAX_DRAWN_POINTS);
  return drawn;
}

/** The fixed part of a 2-D panel: drawn coordinates, labels, extents. */
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
  const drawn = drawnRows(X.rows);
  const xs = column(X.data, d, cx, drawn);
  const ys = column(X.data, d, cy, drawn);
  return {
    xs,
    ys,
    xLabel: featureNames[cx] ?? 'x',
    yLabel: featureNames[cy] ?? 'y',
    xDomain: run.data.domain ?? paddedExtent(xs),
    yDomain: run.data.domain ?? paddedExtent(ys),
    width,
    height: Math.round(Math.min(560, width * 0.72)),
    ariaLabel,
  };
}

/** EM at one iteration: colored points, ellipses at 1 and 2 standard deviations, means. */
export function emStep(
  context: PanelContext,
  run: FitRun,
  snapshot: EmSnapshot | undefined,
): ScatterStep {
  const { X } = run.data;
  const d = X.cols;
  const cx = Math.min(context.state.xColumn, d - 1);
  const cy = Math.min(context.state.yColumn, d - 1);
  const outlines: Outline[] = [];
  const markers: Marker[] = [];
  snapshot?.components.forEach((component, j) => {
    const color = context.blender.color(j);
    const mx = component.mean[cx] as number;
    const my = component.mean[cy] as number;
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
        });
      }
    }
    markers.push({ x: mx, y: my, color });
  });
  return { fills: pointColors(context, X.rows, snapshot, drawnRows(X.rows)), outlines, markers };
}

/** k-means at one iteration, each cluster painted like the EM component it matches best. */
export function kmeansStep(
  context: PanelContext,
  run: FitRun,
  snapshot: KMeansSnapshot | undefined,
): ScatterStep {
  const { X } = run.data;
  const d = X.cols;
  const cx = Math.min(context.state.xColumn, d - 1);
  const cy = Math.min(context.state.yColumn, d - 1);
  const drawn = drawnRows(X.rows);
  const count = drawn ? drawn.length : X.rows;
  const k = snapshot ? snapshot.centers.length / d : 0;
  const colorOf = kmeansColors(run, k);
  const fills: string[] = [];
  for (let p = 0; p < count; p++) {
    const i = drawn ? (drawn[p] as number) : p;
    const label = snapshot?.labels[i];
    fills.push(label === undefined ? '#999999' : context.blender.color(colorOf[label] as number));
  }
  const markers: Marker[] = [];
  for (let j = 0; j < k; j++) {
    markers.push({
      x: snapshot?.centers[j * d + cx] as number,
      y: snapshot?.centers[j * d + cy] as number,
      color: context.blender.color(colorOf[j] as number),
    });
  }
  return { fills, outlines: [], markers };
}

const alignedColors = new WeakMap<object, Int32Array>();

/** Color index of each k-means cluster (matched to EM once the fit is done; computed once). */
function kmeansColors(run: FitRun, k: number): Int32Array {
  const outcome = run.outcome;
  if (!outcome) return Int32Array.from({ length: k }, (_, j) => j);
  let colors = alignedColors.get(outcome);
  if (!colors) {
    colors = alignLabels(outcome.em.labels, outcome.kmeans.labels, k);
    alignedColors.set(outcome, colors);
  }
  return colors;
}

/** Colors of the drawn rows: blended responsibilities (soft) or the argmax's color (hard). */
export function pointColors(
  context: PanelContext,
  rows: number,
  snapshot: EmSnapshot | undefined,
  drawn: Int32Array | undefined,
): string[] {
  const count = drawn ? drawn.length : rows;
  const fills: string[] = new Array(count);
  const k = snapshot?.components.length ?? 0;
  const r = snapshot?.responsibilities;
  for (let p = 0; p < count; p++) {
    const i = drawn ? (drawn[p] as number) : p;
    if (!r || k === 0) {
      fills[p] = '#999999';
    } else if (context.state.color === 'soft') {
      fills[p] = context.blender.blend(r, i * k, 1, k);
    } else {
      let best = 0;
      for (let j = 1; j < k; j++)
        if ((r[i * k + j] as number) > (r[i * k + best] as number)) best = j;
      fills[p] = context.blender.color(best);
    }
  }
  return fills;
}

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
