import { isRemoteRows } from '@mixkit/core';
import { type EmPassSetup, emPassTask } from '@mixkit/em';
import { DistributedError } from '../errors/distributedError.js';
import type { DistributedTask } from './distributedTask.js';
import { familySpecs } from './familySpecs.js';
import { float64s, integer, optionalFloat64s, record } from './payloadChecks.js';

/** The largest number of mixture components a payload may ask for. */
const maxComponents = 4_096;

/**
 * EM's pass (`@mixkit/em:pass`) on distributed workers: family specs and the block size travel
 * (families are rebuilt by name through the worker's registry, never sent as code), the rows
 * stay with the worker, sample weights and prior log-probabilities travel once per session for
 * the shard's rows only. Each pass stands alone, so nothing is replayed.
 */
export const emPassOnShards: DistributedTask<EmPassSetup> = {
  task: emPassTask,
  cumulative: false,
  split(setup) {
    const { X, families, sampleWeight, logPriors, blockSize } = setup;
    const d = X.cols;
    const k = families.length;
    return {
      cols: d,
      shared: { families: families.map((spec) => ({ ...spec })), blockSize },
      rowsOf: (shard) => ({
        sampleWeight: sampleWeight?.slice(shard.start, shard.end),
        logPriors: logPriors?.slice(shard.start * k, shard.end * k),
      }),
      // Rows kept by the workers alone (`RemoteRows`): nothing here to digest.
      viewOf: (shard) =>
        isRemoteRows(X) ? undefined : [X.data.subarray(shard.start * d, shard.end * d)],
    };
  },
  rebuild(shared, rows, source) {
    const setup = record(shared, 'the EM setup');
    const specs = familySpecs(setup.families, maxComponents);
    const blockSize = integer(setup.blockSize, 'blockSize', 1, 1 << 20);
    const extras = record(rows ?? {}, 'the shard rows');
    const n = source.rows;
    return {
      setup: {
        X: { rows: n, cols: source.cols, data: source.data },
        families: specs,
        sampleWeight: optionalFloat64s(extras.sampleWeight, 'sampleWeight', n),
        logPriors: optionalFloat64s(extras.logPriors, 'logPriors', n * specs.length),
        rowScores: new Float64Array(n),
        blockSize,
      },
      view: [source.data],
    };
  },
  checkInput(wire, setup) {
    const input = record(wire, 'the EM input');
    const k = setup.families.length;
    if (!Array.isArray(input.params) || input.params.length !== k) {
      throw new DistributedError('invalid-payload', `the EM input needs ${k} parameter sets`);
    }
    for (const [c, params] of input.params.entries()) record(params, `parameters ${c}`);
    float64s(input.logWeights, 'logWeights', k);
    if (
      input.accumulate !== undefined &&
      !(input.accumulate instanceof Uint8Array && input.accumulate.length === k)
    ) {
      throw new DistributedError('invalid-payload', `accumulate must be ${k} bytes or absent`);
    }
    if (typeof input.hard !== 'boolean') {
      throw new DistributedError('invalid-payload', 'the EM input needs a hard flag');
    }
    // A shard sends back at most this many rows' scores (re-seeding candidates), never all.
    integer(input.worstRows, 'worstRows', 0, 2 * k);
    if (typeof input.worstValues !== 'boolean') {
      throw new DistributedError('invalid-payload', 'the EM input needs a worstValues flag');
    }
  },
};
