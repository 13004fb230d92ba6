import { type ColorBlender, hexOf } from '../color/colorBlender.js';
import type { FitRun } from '../fit/fitRun.js';
import { type Frame, frameAt } from '../fit/timeline.js';
import { isHardMethod } from '../state/methodRules.js';
import type { MethodName, PlaygroundState } from '../state/playgroundState.js';
import { renderDensity } from '../views/densityView.js';
import { createScatter, type Scatter, type ScatterStep } from '../views/scatterView.js';
import { clustererCaption, clustererStep, renderClustererView } from './clustererView.js';
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
import { emCaption, kmeansCaption, mixtureName } from './stepCaption.js';
import { createTraceFigures, type FrameBudget, type ObjectiveTrace } from './traceFigures.js';

export interface StageContext extends PanelContext {
  readonly state: PlaygroundState;
  readonly run: FitRun | undefined;
  /** The player's position: a half-step index on both algorithms' timelines. */
  readonly shown: number;
  readonly blender: ColorBlender;
  readonly width: number;
  onAddPoint(x: number, y: number): void;
  /** The dendrogram was pressed: cut it at this height. */
  onCut(height: number): void;
  /** The reachability plot was pressed: extract OPTICS' clusters at this radius. */
  onEps(eps: number): void;
}

/** The plots area; `render` redraws it for the shown half-step. */
export interface Stage {
  readonly element: HTMLElement;
  /**
   * Draws the shown half-step. Returns true when it left some drawing for the next frame: it
   * builds at most one new figure (a scatter frame or a trace) per call, so no frame of a
   * streaming fit blocks the page for long; the caller then asks for another frame.
   */
  render(context: StageContext): boolean;
}

interface PanelCache {
  key: string;
  scatter: Scatter;
  figure: HTMLElement;
  caption: HTMLElement;
  /** What the scatter shows now; an update to the same step is skipped. */
  drawn?: string;
}

/** Redraws a panel's step unless it already shows it (the other algorithm may be streaming). */
function updatePanel(entry: PanelCache | undefined, step: string, draw: () => ScatterStep): void {
  if (!entry || entry.drawn === step) return;
  entry.scatter.update(draw());
  entry.drawn = step;
}

/** The trace of a mixture method's objective (none for a hard clusterer). */
function objectiveOf(method: MethodName): ObjectiveTrace | undefined {
  if (isHardMethod(method)) return undefined;
  return method === 'variational'
    ? {
        caption: 'Variational Bayes: evidence lower bound (rises at every iteration)',
        label: 'lower bound',
      }
    : {
        caption: 'EM: mean log-likelihood per point (rises at every iteration)',
        label: 'log-likelihood',
      };
}

/** A hard clusterer has one frame: its result (or the start while it runs). */
function clustererFrame(run: FitRun): Frame {
  return { phase: run.outcome ? 'final' : 'start', iteration: 0, parameters: 0, assignment: -1 };
}

/** Below this stage width the k-means panel goes under the EM panel instead of beside it. */
const SIDE_BY_SIDE_MIN_WIDTH = 640;
const PANEL_GAP = 16;

/** EM's frame at the player's position (EM's own timeline, clamped to its own last step). */
export function emFrame(run: FitRun, shown: number): Frame {
  return frameAt(shown, run.em.length, run.status === 'done', 'em');
}

/** k-means' frame at the player's position (its own timeline, clamped to its own last step). */
export function kmeansFrame(run: FitRun, shown: number): Frame {
  return frameAt(shown, run.kmeans.length, run.status === 'done', 'kmeans');
}

/**
 * The 2-D or 1-D view, k-means beside it, and the objective traces. The 2-D panels are kept
 * between renders while the data, axes and size stay the same: stepping through the fit then
 * only recolors their points and redraws the ellipses (see `createScatter`). Each panel shows its
 * own algorithm's step: the player's position is clamped to each algorithm's own timeline, so
 * the one that needs fewer iterations rests on its final frame while the other goes on.
 */
export function createStage(): Stage {
  const element = h('div', { id: 'stage', class: 'stage' });
  const panels = h('div', { class: 'panels' });
  const traces = h('div', { class: 'traces' });
  element.append(panels, traces);
  const cache = new Map<string, PanelCache>();
  // Figures built in the current render, and whether one was put off to the next frame.
  let built = 0;
  let deferred = false;
  const mayBuild = (): boolean => {
    if (built >= 1) {
      deferred = true;
      return false;
    }
    built++;
    return true;
  };
  const traceFigures = createTraceFigures();
  const budget: FrameBudget = {
    mayBuild,
    defer: () => {
      deferred = true;
    },
  };
  // How many times the stage was drawn: tests read it to see that a streaming fit was drawn.
  let renders = 0;

  // The hard clusterer's own figure (dendrogram, reachability plot, condensed tree), built once.
  let view: { key: string; element: HTMLElement | undefined } | undefined;

  const panel = (
    id: 'em-panel' | 'kmeans-panel' | 'cluster-panel',
    key: string,
    build: () => Scatter,
    caption: string,
    frame: Frame,
  ): PanelCache | undefined => {
    let entry = cache.get(id);
    if (!entry || entry.key !== key) {
      if (!mayBuild()) return undefined;
      const scatter = build();
      const captionElement = h('figcaption', {});
      const figure = h(
        'figure',
        { class: 'panel', id, 'data-renderer': scatter.renderer },
        captionElement,
        scatter.element,
      );
      entry = { key, scatter, figure, caption: captionElement };
      cache.set(id, entry);
    }
    entry.caption.textContent = caption;
    entry.figure.dataset.phase = frame.phase;
    entry.figure.dataset.iteration = String(frame.iteration);
    return entry;
  };

  return {
    element,
    render(context) {
      built = 0;
      deferred = false;
      const { run, state } = context;
      element.dataset.renders = String(++renders);
      if (!run) {
        element.dataset.shown = String(context.shown);
        cache.clear();
        traceFigures.clear();
        view = undefined;
        panels.replaceChildren(h('p', { class: 'empty' }, 'No data to show yet.'));
        traces.replaceChildren();
        return false;
      }
      const compare = state.compare && state.view === '2d';
      const sideBySide = compare && context.width >= SIDE_BY_SIDE_MIN_WIDTH;
      const panelWidth = sideBySide
        ? Math.floor((context.width - PANEL_GAP) / 2)
        : Math.floor(context.width);
      panels.classList.toggle('side-by-side', sideBySide);
      traces.classList.toggle('side-by-side', sideBySide);
      const em = emFrame(run, context.shown);
      const km = kmeansFrame(run, context.shown);
      const emDone = run.outcome?.em;
      const kmDone = run.outcome?.kmeans;
      const running = run.status === 'running' ? ' (fitting...)' : '';
      const hard = isHardMethod(state.method);
      const name = mixtureName(state.method, run.outcome?.mclust);

      if (state.view === '1d') {
        cache.clear();
        panels.replaceChildren(
          render1d(context, run, em, `${emCaption(em, emDone, name)}${running}`),
        );
      } else {
        const key = JSON.stringify([run.key, state.xColumn, state.yColumn, panelWidth]);
        const clickable = (scatter: Scatter) => {
          if (state.dataset === 'custom') attachClick(scatter.points, context.onAddPoint);
          return scatter;
        };
        let mainPanel: PanelCache | undefined;
        if (hard) {
          cache.delete('em-panel');
          mainPanel = panel(
            'cluster-panel',
            key,
            () =>
              clickable(
                createScatter(
                  scatterFrame(context, run, panelWidth, 'clusters scatter'),
                  clustererStep(run),
                ),
              ),
            clustererCaption(state, run),
            clustererFrame(run),
          );
          updatePanel(mainPanel, JSON.stringify([run.outcome !== undefined]), () =>
            clustererStep(run),
          );
        } else {
          cache.delete('cluster-panel');
          mainPanel = panel(
            'em-panel',
            key,
            () =>
              clickable(
                createScatter(
                  scatterFrame(context, run, panelWidth, 'mixture scatter'),
                  emStep(context, run, em),
                ),
              ),
            `${emCaption(em, emDone, name)}${running}`,
            em,
          );
          // The step's identity: its frame, the coloring, and the snapshots it reads.
          const emShown = JSON.stringify([em, state.color, run.em.length > em.parameters]);
          updatePanel(mainPanel, emShown, () => emStep(context, run, em));
        }
        const figures = mainPanel ? [mainPanel.figure] : [];
        if (compare) {
          const kmPanel = panel(
            'kmeans-panel',
            key,
            () =>
              createScatter(
                scatterFrame(context, run, panelWidth, 'k-means scatter'),
                kmeansStep(context, run, km),
              ),
            `${kmeansCaption(km, kmDone)}${run.status === 'running' && !kmDone ? ' (waiting for EM...)' : ''}`,
            km,
          );
          // Colors change once more when both fits are done (k-means matched to EM).
          const kmShown = JSON.stringify([km, run.outcome !== undefined, run.kmeans.length > 0]);
          updatePanel(kmPanel, kmShown, () => kmeansStep(context, run, km));
          if (kmPanel) figures.push(kmPanel.figure);
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
      const figures = traceFigures.render(
        run,
        em,
        km,
        panelWidth,
        compare,
        budget,
        objectiveOf(state.method),
      );
      const result = run.outcome?.clusterer;
      if (hard && result && state.view === '2d') {
        const viewKey = JSON.stringify([run.key, panelWidth]);
        if (view?.key !== viewKey && mayBuild()) {
          view = {
            key: viewKey,
            element: renderClustererView(result, panelWidth, {
              state,
              color: (label) => context.blender.color(label),
              onCut: context.onCut,
              onEps: context.onEps,
            }),
          };
        }
        if (view?.key === viewKey && view.element) figures.unshift(view.element);
      } else {
        view = undefined;
      }
      if (
        figures.some((figure, index) => traces.children[index] !== figure) ||
        traces.children.length !== figures.length
      ) {
        traces.replaceChildren(...figures);
      }
      // For tests: what is on screen (the player's own `data-shown` changes a frame earlier,
      // and a render that put a figure off has not drawn everything yet).
      if (!deferred) element.dataset.shown = String(context.shown);
      return deferred;
    },
  };
}

function render1d(context: StageContext, run: FitRun, frame: Frame, caption: string): HTMLElement {
  const parameters = run.em[frame.parameters];
  const assignment = run.em[frame.assignment];
  const k = parameters?.components.length ?? 0;
  const { rows, data } = run.data.X;
  const drawn = drawnRows(rows);
  let responsibilities: Float32Array | undefined = assignment?.responsibilities;
  if (drawn && assignment) {
    responsibilities = new Float32Array(drawn.length * k);
    drawn.forEach((i, p) => {
      responsibilities?.set(assignment.responsibilities.subarray(i * k, (i + 1) * k), p * k);
    });
  }
  const note = drawn
    ? ` Drawing ${drawn.length.toLocaleString()} of ${rows.toLocaleString()} points.`
    : '';
  return h(
    'figure',
    {
      class: 'panel',
      id: 'density-panel',
      'data-phase': frame.phase,
      'data-iteration': frame.iteration,
    },
    h('figcaption', {}, caption),
    h(
      'p',
      { class: 'hint' },
      `Histogram of the data; each component's weighted density and their sum (dashed); below, each point's responsibilities.${note}`,
    ),
    renderDensity({
      values: data,
      drawn: column(data, 1, 0, drawn),
      fills: Array.from(pointColors(context, rows, assignment, drawn), hexOf),
      grid: run.grid,
      components: (parameters?.components ?? []).map((c, j) => ({
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
