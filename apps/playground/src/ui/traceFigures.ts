import type { FitRun } from '../fit/fitRun.js';
import type { Frame } from '../fit/timeline.js';
import { createTrace, type Trace, type TracePoint, type TraceSpec } from '../views/traceView.js';
import { h } from './dom.js';

/** How much a render may still build: at most one new figure per frame (see `Stage.render`). */
export interface FrameBudget {
  /** True (and counted) when a new figure may be built in this frame. */
  mayBuild(): boolean;
  /** Records that something was put off to the next frame. */
  defer(): void;
}

/** What the mixture's trace shows: EM's log-likelihood, or the variational lower bound. */
export interface ObjectiveTrace {
  readonly caption: string;
  readonly label: string;
}

/** The objective traces of the stage, kept between renders. */
export interface TraceFigures {
  /**
   * The trace figures for the shown frames: the mixture's (none for a hard clusterer: undefined
   * `objective`), and k-means' when compared.
   */
  render(
    run: FitRun,
    em: Frame,
    km: Frame,
    width: number,
    compare: boolean,
    budget: FrameBudget,
    objective?: ObjectiveTrace,
  ): HTMLElement[];
  /** Forgets the drawn figures (a new fit, or no data). */
  clear(): void;
}

// While a fit streams, a trace is redrawn at most this often (a Plot figure per snapshot is
// most of a frame's work); the last snapshot is always drawn once the stream ends.
const TRACE_INTERVAL_MS = 250;

interface Drawn {
  readonly key: string;
  readonly trace: Trace;
  readonly figure: HTMLElement;
  readonly builtAt: number;
}

/**
 * The trace figures. Each is drawn by Plot once per set of points (at most every 250 ms while
 * the fit streams) and otherwise only moves its marker to the shown step.
 */
export function createTraceFigures(): TraceFigures {
  const drawn = new Map<string, Drawn>();

  const figure = (
    id: string,
    caption: string,
    spec: TraceSpec,
    current: TracePoint | undefined,
    streaming: boolean,
    budget: FrameBudget,
  ): HTMLElement => {
    const last = spec.points[spec.points.length - 1];
    const key = JSON.stringify([spec.points.length, last?.value, spec.width]);
    let entry = drawn.get(id);
    if (!entry || entry.key !== key) {
      const recent = entry && streaming && performance.now() - entry.builtAt < TRACE_INTERVAL_MS;
      if (recent) budget.defer();
      if (recent || !budget.mayBuild()) {
        return entry?.figure ?? h('figure', { class: 'trace' }, h('figcaption', {}, caption));
      }
      const created = createTrace(spec);
      entry = {
        key,
        builtAt: performance.now(),
        trace: created,
        figure: h('figure', { class: 'trace' }, h('figcaption', {}, caption), created.element),
      };
      drawn.set(id, entry);
    }
    entry.trace.mark(current);
    return entry.figure;
  };

  return {
    render: (run, em, km, width, compare, budget, objective) =>
      renderTraces(run, em, km, width, compare, objective, (id, caption, spec, current) =>
        figure(id, caption, spec, current, run.status === 'running', budget),
      ),
    clear: () => drawn.clear(),
  };
}

/**
 * The objective traces. EM's mean log-likelihood is a value of the parameters, one point per
 * iteration, marked at the parameters shown. k-means' inertia is a value of labels and centers
 * together, so it gets a point per half-step (x = i - 1/2 after assignment i, x = i after update
 * i): both steps lower it, which the staircase shows.
 */
function renderTraces(
  run: FitRun,
  em: Frame,
  km: Frame,
  width: number,
  compare: boolean,
  objective: ObjectiveTrace | undefined,
  trace: (
    id: string,
    caption: string,
    spec: TraceSpec,
    current: TracePoint | undefined,
  ) => HTMLElement,
): HTMLElement[] {
  const llPoints: TracePoint[] = run.em.map((s) => ({ x: s.iteration, value: s.logLikelihood }));
  const figures = objective
    ? [
        trace(
          'em',
          objective.caption,
          {
            points: llPoints,
            label: objective.label,
            color: '#4e79a7',
            width,
            height: 200,
            ariaLabel: `${objective.label} trace`,
          },
          llPoints[em.parameters],
        ),
      ]
    : [];
  if (compare) {
    const inertia: TracePoint[] = [];
    let current: TracePoint | undefined;
    run.kmeans.forEach((s, i) => {
      if (i === 0) return;
      const assigned = { x: i - 0.5, value: s.assignedInertia };
      const updated = { x: i, value: s.updatedInertia };
      inertia.push(assigned, updated);
      if (km.iteration === i && km.phase === 'assign') current = assigned;
      if (km.iteration === i && km.phase !== 'assign') current = updated;
    });
    figures.push(
      trace(
        'kmeans',
        'k-means: inertia (falls at every assignment and every update)',
        {
          points: inertia,
          label: 'inertia',
          color: '#e15759',
          width,
          height: 200,
          ariaLabel: 'k-means inertia trace',
        },
        current,
      ),
    );
  }
  return figures;
}
