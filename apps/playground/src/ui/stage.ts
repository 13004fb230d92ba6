import type { FitRun } from '../app.js';
import { alignLabels } from '../color/alignLabels.js';
import type { ColorBlender } from '../color/colorBlender.js';
import type { EmSnapshot } from '../fit/fitProtocol.js';
import { covarianceEllipse } from '../geometry/covarianceEllipse.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import { renderDensity } from '../views/densityView.js';
import { type Marker, type Outline, renderScatter } from '../views/scatterView.js';
import { renderTrace } from '../views/traceView.js';
import { h } from './dom.js';

/** Above this many rows the scatter draws an even subsample (the fit always uses every row). */
export const MAX_DRAWN_POINTS = 5000;

export interface StageContext {
  readonly state: PlaygroundState;
  readonly run: FitRun | undefined;
  readonly shown: number;
  readonly blender: ColorBlender;
  readonly palette: readonly string[];
  readonly width: number;
  onAddPoint(x: number, y: number): void;
}

/** The plots for the shown iteration: the 2-D or 1-D view, k-means beside it, and the traces. */
export function renderStage(context: StageContext): HTMLElement {
  const { run, state } = context;
  if (!run) return h('p', { class: 'empty' }, 'No data to show.');
  const emShown = run.em[Math.min(context.shown, run.em.length - 1)];
  const panels = h('div', { class: 'panels' });
  const traces = h('div', { class: 'traces' });
  const compare = state.compare && state.view === '2d';
  const panelWidth = compare ? Math.floor((context.width - 16) / 2) : context.width;

  if (state.view === '1d') {
    const k = emShown?.components.length ?? 0;
    panels.append(
      h(
        'figure',
        { class: 'panel', id: 'density-panel' },
        h(
          'figcaption',
          {},
          'EM on one column: histogram, weighted component densities and their sum',
        ),
        renderDensity({
          values: run.data.X.data,
          fills: pointColors(context, run.data.X.rows, emShown, undefined),
          grid: run.grid,
          components: (emShown?.components ?? []).map((c, j) => ({
            density: c.density,
            color: context.palette[j % context.palette.length] as string,
          })),
          ...(emShown && k > 0 ? { responsibilities: emShown.responsibilities } : {}),
          xLabel: run.data.featureNames[0] ?? 'x',
          width: context.width,
          height: 320,
          ariaLabel: 'one-dimensional mixture',
        }),
      ),
    );
  } else {
    panels.append(renderEmPanel(context, run, emShown, panelWidth));
    if (compare) panels.append(renderKMeansPanel(context, run, panelWidth));
  }

  const traceWidth = compare ? panelWidth : context.width;
  traces.append(
    h(
      'figure',
      { class: 'trace' },
      h('figcaption', {}, 'mean log-likelihood per point'),
      renderTrace({
        values: run.em.map((s) => s.logLikelihood),
        current: context.shown,
        label: 'log-likelihood',
        color: '#4e79a7',
        width: traceWidth,
        height: 200,
        ariaLabel: 'log-likelihood trace',
      }),
    ),
  );
  if (compare) {
    traces.append(
      h(
        'figure',
        { class: 'trace' },
        h('figcaption', {}, 'k-means inertia (sum of squared distances)'),
        renderTrace({
          values: run.kmeans.map((s) => s.inertia),
          current: context.shown,
          label: 'inertia',
          color: '#e15759',
          width: traceWidth,
          height: 200,
          ariaLabel: 'k-means inertia trace',
        }),
      ),
    );
  }
  return h('div', {}, panels, traces);
}

function renderEmPanel(
  context: StageContext,
  run: FitRun,
  snapshot: EmSnapshot | undefined,
  width: number,
): HTMLElement {
  const { state } = context;
  const { X, featureNames } = run.data;
  const d = X.cols;
  const cx = Math.min(state.xColumn, d - 1);
  const cy = Math.min(state.yColumn, d - 1);
  const drawn = drawnRows(X.rows);
  const outlines: Outline[] = [];
  const markers: Marker[] = [];
  snapshot?.components.forEach((component, j) => {
    const color = context.palette[j % context.palette.length] as string;
    const mx = component.mean[cx] as number;
    const my = component.mean[cy] as number;
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
      if (ellipse)
        outlines.push({
          component: j,
          color,
          points: ellipse.points,
          dashed: !component.exact,
          filled,
        });
    }
    markers.push({ x: mx, y: my, color });
  });
  const plot = renderScatter({
    xs: column(X.data, d, cx, drawn),
    ys: column(X.data, d, cy, drawn),
    fills: pointColors(context, X.rows, snapshot, drawn),
    outlines,
    markers,
    xLabel: featureNames[cx] ?? 'x',
    yLabel: featureNames[cy] ?? 'y',
    ...(run.data.domain ? { xDomain: run.data.domain, yDomain: run.data.domain } : {}),
    width,
    height: Math.round(Math.min(560, width * 0.72)),
    ariaLabel: 'mixture scatter',
  });
  if (state.dataset === 'custom') attachClick(plot, context.onAddPoint);
  const title = `EM: ${state.color === 'soft' ? 'colored by responsibility' : 'colored by label'}`;
  const note = drawn
    ? ` (drawing ${drawn.length.toLocaleString()} of ${X.rows.toLocaleString()} points)`
    : '';
  return h('figure', { class: 'panel', id: 'em-panel' }, h('figcaption', {}, title + note), plot);
}

function renderKMeansPanel(context: StageContext, run: FitRun, width: number): HTMLElement {
  const { state } = context;
  const { X, featureNames } = run.data;
  const d = X.cols;
  const cx = Math.min(state.xColumn, d - 1);
  const cy = Math.min(state.yColumn, d - 1);
  const snapshot = run.kmeans[Math.min(context.shown, run.kmeans.length - 1)];
  const drawn = drawnRows(X.rows);
  const count = drawn ? drawn.length : X.rows;
  const k = snapshot ? snapshot.centers.length / d : 0;
  // Colors follow EM's: each k-means cluster is painted like the EM component it overlaps most.
  const outcome = run.outcome;
  const colorOf = outcome
    ? alignLabels(outcome.em.labels, outcome.kmeans.labels, k)
    : Int32Array.from({ length: k }, (_, j) => j);
  const fills: string[] = [];
  for (let p = 0; p < count; p++) {
    const i = drawn ? (drawn[p] as number) : p;
    fills.push(
      snapshot ? context.blender.color(colorOf[snapshot.labels[i] as number] as number) : '#999999',
    );
  }
  const markers: Marker[] = [];
  for (let j = 0; j < k; j++) {
    markers.push({
      x: snapshot?.centers[j * d + cx] as number,
      y: snapshot?.centers[j * d + cy] as number,
      color: context.blender.color(colorOf[j] as number),
    });
  }
  const plot = renderScatter({
    xs: column(X.data, d, cx, drawn),
    ys: column(X.data, d, cy, drawn),
    fills,
    outlines: [],
    markers,
    xLabel: featureNames[cx] ?? 'x',
    yLabel: featureNames[cy] ?? 'y',
    ...(run.data.domain ? { xDomain: run.data.domain, yDomain: run.data.domain } : {}),
    width,
    height: Math.round(Math.min(560, width * 0.72)),
    ariaLabel: 'k-means scatter',
  });
  const step = snapshot ? `, iteration ${snapshot.iteration}` : '';
  return h(
    'figure',
    { class: 'panel', id: 'kmeans-panel' },
    h('figcaption', {}, `k-means: hard labels${step}`),
    plot,
  );
}

/** Colors of the drawn rows: blended responsibilities (soft) or the argmax's color (hard). */
function pointColors(
  context: StageContext,
  rows: number,
  snapshot: EmSnapshot | undefined,
  drawn: Int32Array | undefined,
): string[] {
  const count = drawn ? drawn.length : rows;
  const fills: string[] = new Array(count);
  const k = snapshot?.components.length ?? 0;
  for (let p = 0; p < count; p++) {
    const i = drawn ? (drawn[p] as number) : p;
    if (!snapshot || k === 0) {
      fills[p] = '#999999';
    } else if (context.state.color === 'soft') {
      fills[p] = context.blender.blend(snapshot.responsibilities, i * k, 1, k);
    } else {
      let best = 0;
      for (let j = 1; j < k; j++) {
        if (
          (snapshot.responsibilities[i * k + j] as number) >
          (snapshot.responsibilities[i * k + best] as number)
        )
          best = j;
      }
      fills[p] = context.blender.color(best);
    }
  }
  return fills;
}

/** Evenly spaced row indices when there are too many rows to draw, else undefined (all). */
function drawnRows(rows: number): Int32Array | undefined {
  if (rows <= MAX_DRAWN_POINTS) return undefined;
  const drawn = new Int32Array(MAX_DRAWN_POINTS);
  for (let p = 0; p < MAX_DRAWN_POINTS; p++) drawn[p] = Math.floor((p * rows) / MAX_DRAWN_POINTS);
  return drawn;
}

function column(
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

/** Clicking the plot area adds a point at the clicked data coordinates (Plot's scale inverses). */
function attachClick(
  plot: SVGSVGElement | HTMLElement,
  onAddPoint: (x: number, y: number) => void,
) {
  const svg = plot instanceof SVGSVGElement ? plot : plot.querySelector('svg');
  const plotWithScales = plot as unknown as {
    scale(name: 'x' | 'y'): { invert?(v: number): number } | undefined;
  };
  if (!svg) return;
  svg.style.cursor = 'crosshair';
  // pointerdown, not click: the plot is redrawn while a fit animates, and a click whose press and
  // release land on two different drawings is never delivered.
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    // The scales map to the SVG's own units; CSS may have scaled the drawing.
    const box = svg.getBoundingClientRect();
    const unitsPerPixel = box.width > 0 ? svg.width.baseVal.value / box.width : 1;
    const x = plotWithScales.scale('x')?.invert?.((event.clientX - box.left) * unitsPerPixel);
    const y = plotWithScales.scale('y')?.invert?.((event.clientY - box.top) * unitsPerPixel);
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y))
      onAddPoint(x, y);
  });
}
