import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/output/createProgress.js';

/** A stand-in terminal: collects what cli-progress draws. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & { isTTY: boolean; columns: number };
  Object.assign(stream, {
    isTTY: true,
    columns: 120,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { stream, text: () => written };
}

describe('createProgress', () => {
  it('draws nothing without a terminal', () => {
    const progress = createProgress(undefined, 10, 'fit');
    progress.update(5);
    progress.stop();
    // Nothing to observe but the absence of a throw: the no-op object is shared.
    expect(createProgress(undefined, 10, 'fit')).toBe(progress);
  });

  it('draws the iterations done on a terminal once the delay has passed', () => {
    const terminal = fakeTerminal();
    const progress = createProgress(terminal.stream, 10, 'mixkit fit', 0);
    progress.update(3);
    progress.stop();
    expect(terminal.text()).toContain('mixkit fit [');
    expect(terminal.text()).toMatch(/\d+\/10 iterations/);
  });

  it('stays silent for fits shorter than the delay', () => {
    const terminal = fakeTerminal();
    const progress = createProgress(terminal.stream, 10, 'mixkit fit', 60_000);
    progress.update(3);
    progress.stop();
    expect(terminal.text()).toBe('');
  });
});
