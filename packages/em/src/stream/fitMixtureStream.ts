import { type AnyComponentFamily, type ParamsOf, throwIfAborted } from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import type { ChunkSource } from './chunkSource.js';
import { type FitMixtureStreamOptions, iterateEmStream } from './iterateEmStream.js';

/**
 * Out-of-core EM: fits a mixture to data read chunk by chunk from `source()` (called once per
 * pass), holding one chunk at a time (see `iterateEmStream`). Calls `onIteration` after every
 * iteration; `signal` is checked before every chunk, so an abort stops within one chunk.
 */
export async function fitMixtureStream<Family extends AnyComponentFamily>(
  source: ChunkSource,
  options: FitMixtureStreamOptions<Family>,
): Promise<MixtureModel<ParamsOf<Family>>> {
  const steps = iterateEmStream(source, options);
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
    options.onIteration?.(step.value);
    throwIfAborted(options.signal, 'fitMixtureStream');
  }
}
