import {
  closeShards,
  InvalidInputError,
  type MatrixInput,
  mapShards,
  openShards,
  runShardProgram,
  type ShardExecutor,
} from '@mixkit/core';
import { toClusteredData } from './clusteredData.js';
import { prepareSilhouette } from './silhouette/silhouetteRows.js';
import { silhouettePlan, silhouetteTask } from './silhouette/silhouetteTask.js';
import type { SilhouetteOptions } from './silhouetteOptions.js';

/** Options of `silhouetteSamplesAsync`. */
export interface SilhouetteAsyncOptions extends SilhouetteOptions {
  /** Where the rows run: the caller's thread by default, or a worker pool (`@mixkit/workers`). */
  readonly executor?: ShardExecutor;
}

/**
 * `silhouetteSamples` over shards of rows on `options.executor`, yielding to the event loop on
 * a 25 ms budget in the caller's thread, so `signal` stops it within about 100 ms. The same
 * values, bit for bit, as `silhouetteSamples`, with any number of workers.
 */
export function silhouetteSamplesAsync(
  X: MatrixInput,
  labels: ArrayLike<number>,
  options: SilhouetteAsyncOptions = {},
  out?: Float64Array,
): Promise<Float64Array> {
  const data = prepareSilhouette(toClusteredData(X, labels), options);
  const n = data.sorted.rows;
  if (out !== undefined && out.length < n) {
    throw new InvalidInputError({ argument: 'out', value: out.length }, `expected length >= ${n}`);
  }
  const target = out ?? new Float64Array(n);
  const program = (function* () {
    const plan = silhouettePlan(data);
    const session = yield* openShards(silhouetteTask, data, plan, undefined);
    const values = yield* mapShards(session, null);
    yield* closeShards(session);
    values.forEach((shard, s) => {
      target.set(shard, s * plan.shardRows);
    });
    return target;
  })();
  return runShardProgram(program, {
    executor: options.executor,
    signal: options.signal,
    what: 'silhouette',
  });
}
