// Worker module of poolTimeline.mjs: EM's pass task under another name, each shard timed in
// absolute milliseconds (performance.timeOrigin + now(), comparable across threads).
import { emPassTask } from '@mixkit/em';

const now = () => performance.timeOrigin + performance.now();

export const timedPassTask = {
  ...emPassTask,
  name: 'bench:timed-em-pass',
  open(setup, context, shards, local) {
    const opened = now();
    const inner = emPassTask.open(setup, context, shards, local);
    return { inner, opened, openedEnd: now(), decodeStart: 0, decodeEnd: 0 };
  },
  decode(wire, state) {
    state.decodeStart = now();
    const input = emPassTask.decode(wire, state.inner);
    state.decodeEnd = now();
    return input;
  },
  run(state, input, shard) {
    const start = now();
    const output = emPassTask.run(state.inner, input, shard);
    const { decodeStart, decodeEnd, opened, openedEnd } = state;
    return { ...output, timing: { decodeStart, decodeEnd, opened, openedEnd, start, end: now() } };
  },
};

export const tasks = [timedPassTask];
