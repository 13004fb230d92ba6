import { InvalidInputError } from '@mixkit/core';
import type { SelectionCandidate, SelectMixtureOptions } from './selectionTypes.js';

/** The explicit candidates, then the grid family by family with k ascending. */
export function expandCandidates(options: SelectMixtureOptions): SelectionCandidate[] {
  const list: SelectionCandidate[] = [...(options.candidates ?? [])];
  const grid = options.grid;
  if (grid !== undefined) {
    const names = Object.keys(grid.families);
    if (names.length === 0 || grid.nClusters.length === 0) {
      throw new InvalidInputError(
        { argument: 'grid' },
        'a grid needs at least one family and one number of components',
      );
    }
    for (const name of names) {
      for (const nClusters of grid.nClusters) {
        list.push({ name, family: grid.families[name], nClusters });
      }
    }
  }
  if (list.length === 0) {
    throw new InvalidInputError({ argument: 'candidates' }, 'give candidates, a grid, or both');
  }
  if ((options as { sampleWeight?: unknown }).sampleWeight !== undefined) {
    throw new InvalidInputError(
      { argument: 'sampleWeight' },
      'is not supported by selectMixture (the criteria count rows, not weights)',
    );
  }
  return list;
}
