import { createColorBlender } from './color/colorBlender.js';
import { loadData, selectColumn } from './data/loadData.js';
import type { PlaygroundData } from './data/playgroundData.js';
import type { FitRequest } from './fit/fitProtocol.js';
import type { FitRun } from './fit/fitRun.js';
import { createFitClient } from './fitClient.js';
import type { PlaygroundState } from './state/playgroundState.js';
import { decodeState, encodeState } from './state/urlState.js';
import { renderControls } from './ui/controls.js';
import { h } from './ui/dom.js';
import { createPlayback } from './ui/playback.js';
import { renderResult } from './ui/resultPanel.js';
import { createStage } from './ui/stage.js';
import { COMPONENT_PALETTE } from './views/palette.js';

/** Points of a 1-D view's density grid. */
const GRID_POINTS = 240;

/**
 * The page: state (mirrored in the URL) -> data -> fit in the worker -> snapshots -> plots.
 * A change of anything the fit depends on starts a new fit; display-only changes just redraw.
 */
export function createApp(root: HTMLElement): void {
  const decoded = decodeState(window.location.search);
  let state = decoded.state;
  let run: FitRun | undefined;
  let renderQueued = false;
  const client = createFitClient();
  const blender = createColorBlender(COMPONENT_PALETTE);

  const controlsSlot = h('div', { class: 'controls-slot' });
  const problems = h('div', { class: 'problems', role: 'status' });
  const stageView = createStage();
  const stage = stageView.element;
  const resultSlot = h('div', { class: 'result-slot' });
  const playback = createPlayback(() => scheduleRender());
  const share = h('button', { type: 'button', name: 'copy-link' }, 'copy link');
  share.addEventListener('click', () => {
    void navigator.clipboard?.writeText(window.location.href).then(
      () => {
        share.textContent = 'link copied';
      },
      () => undefined,
    );
  });
  root.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, 'mixkit playground'),
      h(
        'p',
        {},
        'Watch expectation-maximisation fit a mixture: each point asks how likely it came from each component (E-step), then each component re-fits to the points weighted by that (M-step).',
      ),
    ),
    h(
      'div',
      { class: 'layout' },
      h('aside', {}, controlsSlot, h('div', { class: 'share' }, share)),
      h('main', {}, problems, playback.element, stage, resultSlot),
    ),
  );
  // Problems with the opening link stay visible until the state is first changed.
  let linkProblems =
    decoded.problems.length > 0 ? `Ignored in the link: ${decoded.problems.join('; ')}` : '';

  const fitKey = (s: PlaygroundState): string =>
    JSON.stringify([
      s.view,
      s.dataset,
      s.dataset === 'blobs' || s.dataset === 'mixture' ? [s.n, s.dataSeed] : null,
      s.families,
      s.covariance,
      s.init,
      s.seed,
      s.dataset === 'custom' ? s.points : null,
      s.view === '1d' ? s.column : null,
    ]);

  const setState = (next: PlaygroundState) => {
    state = next;
    linkProblems = '';
    window.history.replaceState(null, '', `?${encodeState(state)}`);
    share.textContent = 'copy link';
    refresh();
  };

  // Declarations, not consts: the player calls back before this point of the function runs.
  function scheduleRender() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      render();
    });
  }

  function render() {
    const width = Math.max(320, stage.clientWidth || 720);
    // The stage records what is on screen in `data-shown`, for tests: the player's own
    // `data-shown` changes a frame earlier.
    stageView.render({
      state,
      run,
      shown: playback.shown(),
      blender,
      palette: COMPONENT_PALETTE,
      width,
      // Reads `state` when called, so a panel kept across renders adds to the current points.
      onAddPoint: (x, y) => setState({ ...state, points: [...state.points, [x, y]] }),
    });
    resultSlot.replaceChildren(
      renderResult({ state, run, shown: playback.shown(), palette: COMPONENT_PALETTE }),
    );
  }

  const startFit = (data: PlaygroundData, key: string) => {
    const grid = data.X.cols === 1 ? densityGrid(data.X.data) : new Float64Array(0);
    const current: FitRun = {
      key,
      data,
      grid,
      em: [],
      kmeans: [],
      status: 'running',
      startedAt: performance.now(),
    };
    run = current;
    playback.reset();
    if (data.X.rows < state.k) {
      current.status = 'error';
      current.error = `need at least ${state.k} points for ${state.k} components (have ${data.X.rows})`;
      scheduleRender();
      return;
    }
    const request: FitRequest = {
      rows: data.X.rows,
      cols: data.X.cols,
      data: data.X.data.slice(),
      families: state.families,
      covariance: state.covariance,
      init: state.init,
      seed: state.seed,
      densityGrid: grid,
    };
    client.start(request, {
      onEmSnapshot: (snapshot) => {
        current.em.push(snapshot);
        playback.setLength(current.em.length, true);
        scheduleRender();
      },
      onKMeansSnapshot: (snapshot) => {
        current.kmeans.push(snapshot);
        scheduleRender();
      },
      onDone: (outcome) => {
        current.outcome = outcome;
        current.status = 'done';
        current.finishedAt = performance.now();
        playback.setLength(current.em.length, false);
        // Replay the fit from the start so that small fits, done in milliseconds, are seen.
        playback.replay();
        scheduleRender();
      },
      onError: (message) => {
        current.status = 'error';
        current.error = message;
        scheduleRender();
      },
    });
  };

  const refresh = () => {
    let data: PlaygroundData | undefined;
    let loadError: string | undefined;
    try {
      const loaded = loadData(state);
      data = state.view === '1d' ? selectColumn(loaded, state.column) : loaded;
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
    }
    controlsSlot.replaceChildren(
      renderControls({
        state,
        featureNames: data?.featureNames ?? [],
        palette: COMPONENT_PALETTE,
        onChange: setState,
      }),
    );
    problems.textContent = [linkProblems, loadError ? `Could not load the data: ${loadError}` : '']
      .filter(Boolean)
      .join(' ');
    problems.hidden = problems.textContent === '';
    const key = fitKey(state);
    if (loadError !== undefined || data === undefined) {
      client.cancel();
      run = undefined;
    } else if (run?.key !== key) {
      startFit(data, key);
    }
    scheduleRender();
  };

  window.addEventListener('resize', scheduleRender);
  refresh();
}

/** Evenly spaced points over the data's range plus 15% on each side. */
function densityGrid(values: Float64Array): Float64Array {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = (hi - lo || 1) * 0.15;
  const grid = new Float64Array(GRID_POINTS);
  for (let g = 0; g < GRID_POINTS; g++)
    grid[g] = lo - pad + ((hi - lo + 2 * pad) * g) / (GRID_POINTS - 1);
  return grid;
}
