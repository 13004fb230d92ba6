import { isRemoteRows } from '@mixkit/core';
import { type EmDataSetup, emDataTask } from '@mixkit/em';
import { DistributedError } from '../errors/distributedError.js';
import type { DistributedTask } from './distributedTask.js';
import { familySpecs } from './familySpecs.js';
import { integer, oneOf, record } from './payloadChecks.js';

/** The most distinct families a data setup may name. */
const maxFamilies = 4_096;
/** The most rows one request may read back (seeds: k of them). */
const maxRequestedRows = 1 << 16;

/**
 * EM's reads of the data besides its passes (`@mixkit/em:data`) on distributed workers: the
 * whole data's statistics per family with the rows' validation, and a few rows' values (the
 * seeds of `'random-from-data'`), so a fit whose rows live with the workers never reads them.
 * Families travel as specs; rounds stand alone.
 */
export const emDataOnShards: DistributedTask<EmDataSetup> = {
  task: emDataTask,
  cumulative: false,
  split(setup) {
    const { X, families, blockSize, shardRows } = setup;
    const d = X.cols;
    return {
      cols: d,
      shared: { families: families.map((spec) => ({ ...spec })), blockSize, shardRows },
      rowsOf: () => undefined,
      viewOf: (shard) =>
        isRemoteRows(X) ? undefined : [X.data.subarray(shard.start * d, shard.end * d)],
    };
  },
  rebuild(shared, _rows, source) {
    const setup = record(shared, 'the EM data setup');
    const families = familySpecs(setup.families, maxFamilies);
    const blockSize = integer(setup.blockSize, 'blockSize', 1, 1 << 20);
    const shardRows = integer(setup.shardRows, 'shardRows', 1, Number.MAX_SAFE_INTEGER);
    return {
      setup: {
        X: { rows: source.rows, cols: source.cols, data: source.data },
        families,
        blockSize,
        shardRows,
      },
      view: [source.data],
    };
  },
  checkInput(wire) {
    const input = record(wire, 'the EM data request');
    const kind = oneOf(input.kind, 'kind', ['stats', 'rows'] as const);
    if (kind === 'stats') return;
    const { rows } = input;
    if (!(rows instanceof Int32Array) || rows.length > maxRequestedRows) {
      throw new DistributedError(
        'invalid-payload',
        `rows must be at most ${maxRequestedRows} row numbers (Int32Array)`,
      );
    }
    for (let j = 0; j < rows.length; j++) {
      if (rows[j] < 0 || (j > 0 && rows[j] <= rows[j - 1])) {
        throw new DistributedError('invalid-payload', 'rows must be ascending row numbers');
      }
    }
  },
};
