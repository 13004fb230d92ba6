import { h } from './dom.js';

export interface Playback {
  readonly element: HTMLElement;
  /** Index of the half-step to show (see `fit/timeline.ts`). */
  shown(): number;
  /** Number of snapshots so far; `live` (a fit still streaming) makes the view follow the newest. */
  setLength(length: number, live: boolean): void;
  /** Back to an empty, stopped player (a new fit starts). */
  reset(): void;
  /** Plays the snapshots from the first one. */
  replay(): void;
}

const SPEEDS = { slow: 450, normal: 160, fast: 40 } as const;
type Speed = keyof typeof SPEEDS;

/**
 * Step-by-step controls over the fit's snapshots: first / back / play-pause / forward / last, a
 * slider and a speed. The element carries `data-shown` and `data-playing` so that tests (and
 * curious users of the inspector) can see where the player is.
 */
export function createPlayback(onChange: () => void): Playback {
  let length = 0;
  let shown = 0;
  let live = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let speed: Speed = 'normal';

  const button = (name: string, label: string, title: string) =>
    h('button', { type: 'button', name, title, 'aria-label': title }, label);
  const first = button('first', '«', 'first step');
  const back = button('back', '‹', 'previous half-step');
  const play = button('play', '▶', 'play');
  const forward = button('forward', '›', 'next half-step');
  const last = button('last', '»', 'last step');
  const slider = h('input', {
    type: 'range',
    name: 'iteration',
    min: 0,
    max: 0,
    value: 0,
    'aria-label': 'half-step',
  });
  const label = h('output', { class: 'iteration-label' }, '');
  const speedPicker = h(
    'select',
    { name: 'speed', 'aria-label': 'speed' },
    ...(Object.keys(SPEEDS) as Speed[]).map((s) =>
      h('option', { value: s, selected: s === speed }, s),
    ),
  );
  const element = h(
    'div',
    { class: 'playback', id: 'playback' },
    h('span', { class: 'playback-buttons' }, first, back, play, forward, last),
    slider,
    h('span', { class: 'playback-status' }, label, speedPicker),
  );

  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const sync = () => {
    slider.max = String(Math.max(0, length - 1));
    slider.value = String(shown);
    label.textContent =
      length === 0 ? 'waiting for the first step' : `half-step ${shown} of ${length - 1}`;
    play.textContent = timer === undefined ? '▶' : '❚❚';
    play.title = timer === undefined ? 'play' : 'pause';
    element.dataset.shown = String(shown);
    element.dataset.length = String(length);
    element.dataset.playing = String(timer !== undefined);
    onChange();
  };
  const show = (index: number) => {
    shown = Math.max(0, Math.min(length - 1, index));
    live = false;
    sync();
  };
  const start = () => {
    stop();
    if (shown >= length - 1) shown = 0;
    timer = setInterval(() => {
      if (shown >= length - 1) {
        stop();
        sync();
        return;
      }
      shown++;
      sync();
    }, SPEEDS[speed]);
    sync();
  };

  const stopAnd = (action: () => void) => () => {
    stop();
    action();
  };
  first.addEventListener(
    'click',
    stopAnd(() => show(0)),
  );
  back.addEventListener(
    'click',
    stopAnd(() => show(shown - 1)),
  );
  forward.addEventListener(
    'click',
    stopAnd(() => show(shown + 1)),
  );
  last.addEventListener(
    'click',
    stopAnd(() => show(length - 1)),
  );
  slider.addEventListener(
    'input',
    stopAnd(() => show(slider.valueAsNumber)),
  );
  play.addEventListener('click', () => {
    if (timer === undefined) start();
    else stopAnd(sync)();
  });
  speedPicker.addEventListener('change', () => {
    speed = (Object.keys(SPEEDS) as Speed[]).find((s) => s === speedPicker.value) ?? speed;
    if (timer !== undefined) start();
  });

  sync();
  return {
    element,
    shown: () => shown,
    setLength(nextLength, isLive) {
      length = nextLength;
      live = isLive || live;
      if (live) shown = Math.max(0, length - 1);
      else shown = Math.max(0, Math.min(shown, length - 1));
      if (!isLive) live = false;
      sync();
    },
    reset() {
      stop();
      length = 0;
      shown = 0;
      live = true;
      sync();
    },
    replay() {
      shown = 0;
      start();
    },
  };
}
