import type { ColorBlender } from '../color/colorBlender.js';
import type { FitRun } from '../fit/fitRun.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import { renderDensity } from '../views/densityView.js';
import { createScatter, type Scatter } from '../views/scatterView.js';
import { renderTrace } from '../views/traceView.js';
import { h } from './dom.js';
import {
  column,
  drawnRows,
  emStep,
  kmeansStep,
  type PanelContext,
  pointColors,
  scatterFrame,
} from './scatterPanels.js';

export interface StageContext extends PanelContext {
  readonly state: PlaygroundState;
  readonly run: FitRun | undefined;
  readonly shown: number;
  readonly blender: ColorBlender;
  readonly width: number;
  onAddPoint(x: number, y: number): void;
}

/** The plots area; `render` redraws it for the shown iteration. */
export interface Stage {
  readonly element: HTMLElement;
  render(context: StageContext): void;
}

interface PanelCache {
  key: string;
  scatter: Scatter;
  figure: HTMLElement;
  caption: HTMLElement;
}

/**
 * The 2-D or 1-D view, k-means beside it, and the objective traces. The 2-D panels are kept
 * between renders while the data, axes and size stay the same: stepping through iterations
 * then only recolors their points and redraws the ellipses (see `createScatter`).
 */
export function createStage(): Stage {
  const element = h('div', { id: 'stage', class: 'stage' });
  const panels = h('div', { class: 'panels' });
  const traces = h('div', { class: 'traces' });
  element.append(panels, traces);
  const cache = new Map<string, PanelCache>();

  const panel = (
    id: 'em-panel' | 'kmeans-panel',
    key: string,
    build: () => Scatter,
    caption: string,
  ): PanelCache => {
    let entry = cache.get(id);
    if (!entry || entry.key !== key) {
      const scatter = build();
      const captionElement = h('figcaption', {});
      const figure = h('figure', { class: 'panel', id }, captionElement, scatter.element);
      entry = { key, scatter, figure, caption: captionElement };
      cache.set(id, entry);
    }
    entry.caption.textContent = caption;
    return entry;
  };

  return {
    element,
    render(context) {
      const { run, state } = context;
      element.dataset.shown = String(context.shown);
      if (!run) {
        cache.clear();
        panels.replaceChildren(h('p', { class: 'empty' }, 'No data to show.'));
        traces.replaceChildren();
        return;
      }
      const compare = state.compare && state.view === '2d';
      const panelWidth = compare ? Math.floor((context.width - 16) / 2) : context.width;
      const emShown = run.em[Math.min(context.shown, run.em.length - 1)];
      const { rows } = run.data.X;
      const drawn = drawnRows(rows);
      const note = drawn
        ? ` (drawing ${drawn.length.toLocaleString()} of ${rows.toLocaleString()} points)`
        : '';

      if (state.view === '1d') {
        cache.clear();
        panels.replaceChildren(render1d(context, run, emShown?.iteration));
      } else {
        const key = JSON.stringify([run.key, state.xColumn, state.yColumn, panelWidth]);
        const em = panel(
          'em-panel',
          key,
          () => {
            const scatter = createScatter(
              scatterFrame(context, run, panelWidth, 'mixture scatter'),
              emStep(context, run, emShown),
            );
            if (state.dataset === 'custom') attachClick(scatter.points, context.onAddPoint);
            return scatter;
          },
          `EM: ${state.color === 'soft' ? 'colored by responsibility' : 'colored by label'}${note}`,
        );
        em.scatter.update(emStep(context, run, emShown));
        const figures = [em.figure];
        if (compare) {
          const kmShown = run.kmeans[Math.min(context.shown, run.kmeans.length - 1)];
          const km = panel(
            'kmeans-panel',
            key,
            () =>
              createScatter(
                scatterFrame(context, run, panelWidth, 'k-means scatter'),
                kmeansStep(context, run, kmShown),
              ),
            `k-means: hard labels${kmShown ? `, iteration ${kmShown.iteration}` : ''}${note}`,
          );
          km.scatter.update(kmeansStep(context, run, kmShown));
          figures.push(km.figure);
        } else {
          cache.delete('kmeans-panel');
        }
        if (
          figures.some((figure, index) => panels.children[index] !== figure) ||
          panels.children.length !== figures.length
        ) {
          panels.replaceChildren(...figures);
        }
      }
      traces.replaceChildren(
        ...renderTraces(context, run, compare ? panelWidth : context.width, compare),
      );
    },
  };
}

function render1d(context: StageContext, run: FitRun, iteration: number | undefined): HTMLElement {
  const snapshot = run.em[Math.min(context.shown, run.em.length - 1)];
  const k = snapshot?.components.length ?? 0;
  const { rows, data } = run.data.X;
  const drawn = drawnRows(rows);
  let responsibilities: Float32Array | undefined = snapshot?.responsibilities;
  if (drawn && snapshot) {
    responsibilities = new Float32Array(drawn.length * k);
    drawn.forEach((i, p) => {
      responsibilities?.set(snapshot.responsibilities.subarray(i * k, (i + 1) * k), p * k);
    });
  }
  const step =
    iteration === undefined
      ? ''
      : iteration === 0
        ? ': the random start'
        : `: after ${iteration} E- and M-step${iteration === 1 ? '' : 's'}`;
  return h(
    'figure',
    { class: 'panel', id: 'density-panel' },
    h(
      'figcaption',
      {},
      `EM on one column${step}. Histogram, each component's weighted density, and their sum (dashed)`,
    ),
    renderDensity({
      values: data,
      drawn: column(data, 1, 0, drawn),
      fills: pointColors(context, rows, snapshot, drawn),
      grid: run.grid,
      components: (snapshot?.components ?? []).map((c, j) => ({
        density: c.density,
        color: context.blender.color(j),
      })),
      ...(responsibilities && k > 0 ? { responsibilities } : {}),
      xLabel: run.data.featureNames[0] ?? 'x',
      width: context.width,
      height: 320,
      ariaLabel: 'one-dimensional mixture',
    }),
  );
}

function renderTraces(
  context: StageContext,
  run: FitRun,
  width: number,
  compare: boolean,
): HTMLElement[] {
  const figures = [
    h(
      'figure',
      { class: 'trace' },
      h('figcaption', {}, 'mean log-likelihood per point'),
      renderTrace({
        values: run.em.map((s) => s.logLikelihood),
        current: context.shown,
        label: 'log-likelihood',
        color: '#4e79a7',
        width,
        height: 200,
        ariaLabel: 'log-likelihood trace',
      }),
    ),
  ];
  if (compare) {
    figures.push(
      h(
        'figure',
        { class: 'trace' },
        h('figcaption', {}, 'k-means inertia (sum of squared distances)'),
        renderTrace({
          values: run.kmeans.map((s) => s.inertia),
          current: context.shown,
          label: 'inertia',
          color: '#e15759',
          width,
          height: 200,
          ariaLabel: 'k-means inertia trace',
        }),
      ),
    );
  }
  return figures;
}

/** Pressing in the plot adds a point at those data coordinates (Plot's scale inverses). */
function attachClick(plot: SVGSVGElement, onAddPoint: (x: number, y: number) => void) {
  const withScales = plot as unknown as {
    scale(name: 'x' | 'y'): { invert?(v: number): number } | undefined;
  };
  plot.style.cursor = 'crosshair';
  // pointerdown, not click: a click whose press and release land on two different drawings
  // (the page redraws while a fit animates) is never delivered.
  plot.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    // The scales map to the SVG's own units; CSS may have scaled the drawing.
    const box = plot.getBoundingClientRect();
    const unitsPerPixel = box.width > 0 ? plot.width.baseVal.value / box.width : 1;
    const x = withScales.scale('x')?.invert?.((event.clientX - box.left) * unitsPerPixel);
    const y = withScales.scale('y')?.invert?.((event.clientY - box.top) * unitsPerPixel);
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y))
      onAddPoint(x, y);
  });
}
