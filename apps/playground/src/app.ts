import { decodeText } from '@mixkit/csv';
import { createColorBlender } from './color/colorBlender.js';
import { loadData, selectColumn } from './data/loadData.js';
import type { PlaygroundData } from './data/playgroundData.js';
import { readUserTable, type UserData } from './data/readUserTable.js';
import { forgetStoredTable, readStoredTable, storeTable } from './data/storedTable.js';
import { unitRows } from './data/unitRows.js';
import type { FitRequest } from './fit/fitProtocol.js';
import type { FitRun } from './fit/fitRun.js';
import { frameCount } from './fit/timeline.js';
import { createFitClient } from './fitClient.js';
import { methodRequestOf } from './methods/methodRequestOf.js';
import {
  isHardMethod,
  kmeansClusters,
  methodProblem,
  tooFewRows,
  usesUnitRows,
} from './state/methodRules.js';
import { isSynthetic, type PlaygroundState } from './state/playgroundState.js';
import { decodeState, encodeState } from './state/urlState.js';
import { renderControls } from './ui/controls.js';
import { h } from './ui/dom.js';
import { listenForDroppedFiles } from './ui/dropFiles.js';
import { createPlayback } from './ui/playback.js';
import { renderResult } from './ui/resultPanel.js';
import { createStage, emFrame } from './ui/stage.js';
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
  let shownResult = '';
  const client = createFitClient();
  // The user's own table: not in the URL (it can be large), kept in the tab's session storage so
  // a reload or a shared-in-this-tab link finds it again.
  let user: UserData | undefined;
  let userVersion = 0;
  let userError: string | undefined;
  let pasted = '';
  const stored = readStoredTable();
  if (stored) {
    try {
      user = readUserTable(stored.text, stored.source);
      if (stored.source === 'pasted text') pasted = stored.text;
    } catch {
      forgetStoredTable();
    }
  }
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
        'Watch clustering work: expectation-maximisation fitting a mixture step by step (each point asks how likely it came from each component, the E-step; each component re-fits to the points weighted by that, the M-step), variational Bayes and mclust model selection, and the hierarchical and density-based clusterers with their dendrogram, reachability plot and condensed tree.',
      ),
      h(
        'nav',
        {},
        h('a', { href: './api/', id: 'api-link' }, 'API reference'),
        h('a', { href: 'https://github.com/mixkit/mixkit' }, 'source'),
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

  /**
   * The player's length: the longer of the two timelines shown (k-means only when compared). A
   * hard clusterer has one frame, its result.
   */
  const frames = (current: FitRun): number => {
    const done = current.status === 'done';
    const kmeans =
      state.compare && state.view === '2d' ? frameCount(current.kmeans.length, done) : 0;
    const main = isHardMethod(state.method) ? (done ? 1 : 0) : frameCount(current.em.length, done);
    return Math.max(main, kmeans);
  };

  const fitKey = (s: PlaygroundState): string =>
    JSON.stringify([
      s.view,
      s.dataset,
      isSynthetic(s.dataset) ? [s.n, s.dataSeed] : null,
      s.families,
      s.covariance,
      s.init,
      s.seed,
      methodRequestOf(s),
      s.dataset === 'custom' ? s.points : null,
      s.view === '1d' ? s.column : null,
      s.dataset === 'user' ? userVersion : null,
    ]);

  /** A table the user dropped, chose or pasted: read it, and fit it if it reads. */
  const onUserText = (input: string | Uint8Array, source: string) => {
    if (typeof input === 'string' && source === 'pasted text') pasted = input;
    try {
      // A file's bytes: UTF-8 or UTF-16 (a byte that is neither is a located error).
      const text = typeof input === 'string' ? input : decodeText(input, source);
      user = readUserTable(text, source);
      userVersion++;
      userError = undefined;
      storeTable(text, source);
      setState({ ...state, dataset: 'user', xColumn: 0, yColumn: 1, column: 0 });
    } catch (error) {
      userError = error instanceof Error ? error.message : String(error);
      if (state.dataset === 'user') refresh();
      else setState({ ...state, dataset: 'user' });
    }
  };

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
    const width = Math.max(200, stage.clientWidth || 720);
    const deferred = stageView.render({
      state,
      run,
      shown: playback.shown(),
      blender,
      palette: COMPONENT_PALETTE,
      width,
      // Reads `state` when called, so a panel kept across renders adds to the current points.
      onAddPoint: (x, y) => setState({ ...state, points: [...state.points, [x, y]] }),
      onCut: (height) =>
        setState({ ...state, cut: 'height', height: Number(height.toPrecision(4)) }),
      onEps: (eps) => setState({ ...state, eps }),
    });
    // The numbers change with the shown EM parameters, the fit's status and the display.
    const resultKey = JSON.stringify([
      run?.key,
      run?.status,
      run ? emFrame(run, playback.shown()).parameters : -1,
      run?.em.length,
      state.view,
      state.compare,
      state.covariance,
      state.method,
    ]);
    if (resultKey !== shownResult) {
      shownResult = resultKey;
      resultSlot.replaceChildren(
        renderResult({ state, run, shown: playback.shown(), palette: COMPONENT_PALETTE }),
      );
    }
    if (deferred) scheduleRender();
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
    const tooFew = tooFewRows(state, data.X.rows);
    if (tooFew !== undefined) {
      current.status = 'error';
      current.error = tooFew;
      scheduleRender();
      return;
    }
    const request: FitRequest = {
      rows: data.X.rows,
      cols: data.X.cols,
      data: data.X.data.slice(),
      // The worker's k-means runs with as many clusters as families (see kmeansClusters).
      families: state.families.slice(0, kmeansClusters(state, data.X.rows)),
      covariance: state.covariance,
      init: state.init,
      seed: state.seed,
      densityGrid: grid,
      method: methodRequestOf(state),
    };
    client.start(request, {
      // While the fit streams, the player follows the newest frame; the page redraws at most
      // once per animation frame (scheduleRender), so only the newest snapshot is drawn.
      onEmSnapshot: (snapshot) => {
        current.firstSnapshotAt ??= performance.now();
        current.em.push(snapshot);
        playback.setLength(frames(current), true);
        scheduleRender();
      },
      onKMeansSnapshot: (snapshot) => {
        current.kmeans.push(snapshot);
        playback.setLength(frames(current), true);
        scheduleRender();
      },
      onDone: (outcome) => {
        current.outcome = outcome;
        current.status = 'done';
        current.finishedAt = performance.now();
        playback.setLength(frames(current), false);
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

  /** The player shows when there are steps to walk: a mixture, or k-means beside a clusterer. */
  const syncPlayer = () => {
    playback.element.hidden = isHardMethod(state.method) && !(state.compare && state.view === '2d');
  };

  const refresh = () => {
    syncPlayer();
    let data: PlaygroundData | undefined;
    let loadError: string | undefined;
    try {
      const loaded = loadData(state, user);
      const shown = state.view === '1d' ? selectColumn(loaded, state.column) : loaded;
      // A von Mises–Fisher component reads directions: the rows are fitted at unit length.
      data = usesUnitRows(state) ? unitRows(shown) : shown;
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
    }
    controlsSlot.replaceChildren(
      renderControls({
        state,
        featureNames: data?.featureNames ?? [],
        palette: COMPONENT_PALETTE,
        onChange: setState,
        onUserText,
        user: {
          pasted,
          ...(userError === undefined ? {} : { error: userError }),
          summary: user
            ? [
                `${user.source}: ${user.data.X.rows.toLocaleString()} rows x ${user.data.X.cols} numeric column${user.data.X.cols === 1 ? '' : 's'} (${user.data.featureNames.join(', ')}).`,
                ...user.notes,
              ]
            : [],
        },
      }),
    );
    const problem = methodProblem(state);
    if (problem !== undefined) {
      loadError = undefined;
      data = undefined;
    }
    const noTableYet = state.dataset === 'user' && !user;
    problems.textContent = [
      linkProblems,
      loadError && !noTableYet ? `Could not load the data: ${loadError}` : '',
      problem === undefined ? '' : `Cannot fit this: ${problem}.`,
    ]
      .filter(Boolean)
      .join(' ');
    problems.hidden = problems.textContent === '';
    const key = fitKey(state);
    if (loadError !== undefined || problem !== undefined || data === undefined) {
      client.cancel();
      run = undefined;
    } else if (run?.key !== key) {
      startFit(data, key);
    } else if (run.status === 'done') {
      // A display change (k-means beside EM or not) changes the player's length only.
      playback.setLength(frames(run), false);
    }
    scheduleRender();
  };

  window.addEventListener('resize', scheduleRender);
  // A file dropped anywhere on the page is read as the user's table.
  listenForDroppedFiles(onUserText);
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
