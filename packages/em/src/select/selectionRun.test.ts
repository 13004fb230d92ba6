import { AbortedError, createRandom, InvalidInputError } from '@mixkit/core';
import { loadFaithful } from '@mixkit/datasets';
import { gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { fitMixture } from '../run/fitMixture.js';
import { type CandidateFit, SelectionRun } from './selectionRun.js';
import type { SelectionRow } from './selectionTypes.js';

const { X } = loadFaithful();
const grid = { nClusters: [1, 2], families: { full: gaussianFull(), diag: gaussianDiag() } };

describe('SelectionRun', () => {
  it('lists the grid family by family with k ascending', () => {
    const run = new SelectionRun(X, { grid, random: 0 });
    expect(run.candidates.map((c) => `${c.name}:${'nClusters' in c ? c.nClusters : '?'}`)).toEqual([
      'full:1',
      'full:2',
      'diag:1',
      'diag:2',
    ]);
  });

  it('gives every candidate a given seed as is and splits a random source once per candidate', () => {
    const seeded = new SelectionRun(X, { grid, random: 7 });
    expect(seeded.candidates.map((c) => seeded.fitOptions(c).random)).toEqual([7, 7, 7, 7]);
    const split = new SelectionRun(X, { grid, random: createRandom(7) });
    const sources = split.candidates.map((c) => split.fitOptions(c).random);
    expect(new Set(sources).size).toBe(4);
    for (const source of sources) expect(typeof source).toBe('object');
  });

  it('checks the signal before each candidate', () => {
    const controller = new AbortController();
    const run = new SelectionRun(X, { grid, random: 0, signal: controller.signal });
    controller.abort();
    expect(() => run.fitOptions(run.candidates[0])).toThrow(AbortedError);
  });

  it('rows a data failure with no model, reports every row and picks the lowest criterion', () => {
    const seen: [string, number, number][] = [];
    const run = new SelectionRun(X, {
      grid,
      random: 0,
      criterion: 'aic',
      onCandidate: (row: SelectionRow, index: number, total: number) => {
        seen.push([row.name, index, total]);
      },
    });
    const fits: CandidateFit[] = run.candidates.map((candidate, index) =>
      index === 1
        ? { error: new InvalidInputError({ argument: 'nClusters' }, 'too many') }
        : { model: fitMixture(run.data, run.fitOptions(candidate)) },
    );
    for (const [index, candidate] of run.candidates.entries()) run.record(candidate, fits[index]);
    const selection = run.result();
    expect(seen).toEqual([
      ['full', 0, 4],
      ['full', 1, 4],
      ['diag', 2, 4],
      ['diag', 3, 4],
    ]);
    expect(selection.table[1].failure).toContain('too many');
    expect(selection.models[1]).toBeUndefined();
    const aics = selection.table.map((row) => (row.failure === undefined ? row.aic : Infinity));
    expect(selection.bestIndex).toBe(aics.indexOf(Math.min(...aics)));
    expect(selection.model).toBe(selection.models[selection.bestIndex]);
  });

  it('rethrows an error that is not a data failure', () => {
    const run = new SelectionRun(X, { grid, random: 0 });
    expect(() => run.record(run.candidates[0], { error: new TypeError('bug') })).toThrow(TypeError);
  });
});
