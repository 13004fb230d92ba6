import { describe, expect, it } from 'vitest';
import { frameAt, frameCount } from './timeline.js';

describe('the half-step timeline', () => {
  it('has a start, two frames per iteration, and a final frame once the fit is done', () => {
    expect(frameCount(0, false)).toBe(0);
    expect(frameCount(1, false)).toBe(1);
    expect(frameCount(4, false)).toBe(7);
    expect(frameCount(4, true)).toBe(8);
  });

  it("draws EM's E-step i with the responsibilities under the parameters of iteration i-1", () => {
    const frames = Array.from({ length: 8 }, (_, t) => frameAt(t, 4, true, 'em'));
    expect(frames.map((f) => f.phase)).toEqual([
      'start',
      'assign',
      'update',
      'assign',
      'update',
      'assign',
      'update',
      'final',
    ]);
    expect(frames.map((f) => f.iteration)).toEqual([0, 1, 1, 2, 2, 3, 3, 3]);
    expect(frames.map((f) => f.parameters)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(frames.map((f) => f.assignment)).toEqual([-1, 0, 0, 1, 1, 2, 2, 3]);
  });

  it("draws k-means' assignment i with the labels of iteration i under the previous centers", () => {
    const frames = Array.from({ length: 8 }, (_, t) => frameAt(t, 4, true, 'kmeans'));
    expect(frames.map((f) => f.parameters)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(frames.map((f) => f.assignment)).toEqual([-1, 1, 1, 2, 2, 3, 3, 3]);
  });

  it('clamps to the frames there are, so each algorithm stops at its own last step', () => {
    expect(frameAt(40, 4, true, 'em')).toEqual(frameAt(7, 4, true, 'em'));
    expect(frameAt(40, 4, false, 'em')).toEqual({
      phase: 'update',
      iteration: 3,
      parameters: 3,
      assignment: 2,
    });
    expect(frameAt(-3, 4, true, 'kmeans').phase).toBe('start');
  });
});
