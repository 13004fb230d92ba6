import { type MatrixInput, throwIfAborted, toMatrix, toRandom } from '@mixkit/core';
import { fitMixtureAsync } from '../fitMixtureAsync.js';
import type { MixtureModel } from '../mixtureModel.js';
import { expandCandidates } from './expandCandidates.js';
import { candidateFitOptions, failedRow, selectionRow, toSelection } from './scoreCandidate.js';
import type { MixtureSelection, SelectionRow, SelectMixtureOptions } from './selectionTypes.js';
import { resolveCriterion } from './selectMixture.js';

/**
 * `selectMixture` with every fit run by `fitMixtureAsync` (yielding to the event loop between
 * iterations), so `AbortSignal.timeout(ms)` can stop a long grid. Same result, bit for bit.
 */
export async function selectMixtureAsync(
  X: MatrixInput,
  options: SelectMixtureOptions,
): Promise<MixtureSelection> {
  const data = toMatrix(X);
  const criterion = resolveCriterion(options.criterion);
  const candidates = expandCandidates(options);
  const random = typeof options.random === 'object' ? toRandom(options.random) : undefined;
  const table: SelectionRow[] = [];
  const models: (MixtureModel | undefined)[] = [];
  for (const [index, candidate] of candidates.entries()) {
    throwIfAborted(options.signal, 'selectMixture');
    const seed = random?.split() ?? (options.random as number | undefined);
    let model: MixtureModel | undefined;
    let row: SelectionRow;
    try {
      model = await fitMixtureAsync(data, candidateFitOptions(candidate, options, seed));
      row = selectionRow(candidate.name, model, data);
    } catch (error) {
      row = failedRow(candidate, error);
    }
    table.push(row);
    models.push(model);
    options.onCandidate?.(row, index, candidates.length);
  }
  return toSelection(criterion, table, models);
}
