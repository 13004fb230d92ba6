import { setImmediate as nextTurn } from 'node:timers/promises';
import { type MatrixInput, type ShardExecutor, shardAt } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { familyFromSpec, gaussianDiag } from '@mixkit/distributions';
import { setKernelCompilation } from '@mixkit/linalg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { MixtureModel } from '../src/model/mixtureModel.js';
import { fitMixture } from '../src/run/fitMixture.js';
import { fitMixtureStream } from '../src/stream/fitMixtureStream.js';
import { chunksOf, modelDifference } from './helpers.js';

// 16 components of 28 columns: an EM pass costs 4·k·(d + 4) = 2,048 per row, so its shards have
// 2,048 rows (the least) and each 5,000-row chunk is cut into 3 of them, which an executor with
// workers runs.
const { X } = makeBlobs({ nSamples: 15_000, nFeatures: 28, centers: 16, random: 3 });
const sizes = [5_000];
const options = { family: gaussianDiag(), nClusters: 16, tolerance: 0, maxIterations: 3 } as const;
const fitted = fitMixture(X, { ...options, init: 'random-from-data', random: 7, maxIterations: 0 });
const start = { kind: 'params', params: fitted.params, weights: fitted.weights } as const;

/**
 * An executor whose two "workers" run in this thread as a pool's run in theirs: the setup is
 * copied when a session opens (as posting it to a worker does, by structured clone unless the
 * arrays are shared), the families are rebuilt from their specs, and each `map` resolves on a
 * later turn of the event loop. It logs when each chunk's pass starts and ends.
 */
function laterExecutor(events: string[], fail?: number): ShardExecutor {
  const context = { inWorker: true, resolveFamily: familyFromSpec };
  let passes = 0;
  return {
    workers: 2,
    async open(task, setup, plan) {
      const shards = Array.from({ length: plan.count }, (_, s) => shardAt(plan, s));
      const state = task.open(structuredClone(setup), context, shards, undefined);
      return {
        plan,
        async map(input) {
          const pass = passes++;
          events.push(`pass ${pass}`);
          await nextTurn();
          if (pass === fail) throw new Error(`pass ${pass} failed`);
          const outputs = shards.map((shard) => task.run(state, input, shard));
          events.push(`passed ${pass}`);
          return outputs;
        },
        close: () => {},
      };
    },
  };
}

/**
 * The chunks, each a copy made when requested; the one before is then poisoned (NaN), as a
 * source refilling one array would, so a pass still reading it would go wrong.
 */
function poisoning(events: string[], shared = false) {
  return function* source(): Generator<MatrixInput> {
    let previous: Float64Array | undefined;
    let request = 0;
    try {
      for (const view of chunksOf(X, sizes)) {
        previous?.fill(Number.NaN);
        events.push(`request ${request++}`);
        previous = shared
          ? new Float64Array(new SharedArrayBuffer(view.data.byteLength))
          : new Float64Array(view.data.length);
        previous.set(view.data);
        yield { rows: view.rows, cols: view.cols, data: previous };
      }
    } finally {
      events.push('closed');
    }
  };
}

function expectSameBits(model: MixtureModel, reference: MixtureModel): void {
  expect(model.params).toEqual(reference.params);
  expect(model.weights).toEqual(reference.weights);
  expect(model.diagnostics.objective).toEqual(reference.diagnostics.objective);
}

/** For each chunk's pass i that a later chunk follows within its pass over the data. */
function passesFollowed(events: string[]): { pass: number; request: number }[] {
  const chunks = chunksOf(X, sizes).length;
  const out: { pass: number; request: number }[] = [];
  for (const event of events) {
    if (!event.startsWith('pass ')) continue;
    const pass = Number(event.split(' ')[1]);
    // Passes are counted over the whole fit; requests restart at 0 with every pass over the data.
    if (pass % chunks !== chunks - 1) out.push({ pass, request: (pass % chunks) + 1 });
  }
  return out;
}

describe('streamed EM reads the next chunk while the workers run the pass over this one', () => {
  it.each([
    ['in kernel memory (WebAssembly)', true],
    ['in JavaScript arrays', false],
  ])(
    'requests chunk c + 1 before the pass over chunk c resolves, with the same bits: rows %s',
    async (_, compiled) => {
      setKernelCompilation(compiled);
      onTestFinished(() => {
        setKernelCompilation(true);
      });
      const events: string[] = [];
      const reference = await fitMixtureStream(poisoning([]), { ...options, init: start });
      const model = await fitMixtureStream(poisoning(events), {
        ...options,
        init: start,
        executor: laterExecutor(events),
      });
      expectSameBits(model, reference);
      // The in-memory fit from the same start agrees to summation order.
      const inMemory = fitMixture(X, { ...options, init: start });
      expect(modelDifference(model, inMemory)).toBeLessThan(1e-10);
      // 3 iterations and the final scoring pass, 3 chunks each.
      const followed = passesFollowed(events);
      expect(followed).toHaveLength(4 * 2);
      let from = 0;
      for (const { pass, request } of followed) {
        const started = events.indexOf(`pass ${pass}`, from);
        const ended = events.indexOf(`passed ${pass}`, started);
        const requested = events.indexOf(`request ${request}`, started);
        expect(started).toBeGreaterThanOrEqual(0);
        expect(requested).toBeGreaterThan(started);
        expect(requested).toBeLessThan(ended);
        from = started;
      }
    },
  );

  it('waits for the pass when the chunk is on a SharedArrayBuffer (the workers read it there)', async () => {
    // Without kernel memory the pass reads the source's own array (large chunks are copied
    // there otherwise, which frees it as the first test shows).
    setKernelCompilation(false);
    onTestFinished(() => {
      setKernelCompilation(true);
    });
    const events: string[] = [];
    const reference = await fitMixtureStream(poisoning([], true), { ...options, init: start });
    const model = await fitMixtureStream(poisoning(events, true), {
      ...options,
      init: start,
      executor: laterExecutor(events),
    });
    expectSameBits(model, reference);
    let from = 0;
    for (const { pass, request } of passesFollowed(events)) {
      const started = events.indexOf(`pass ${pass}`, from);
      const ended = events.indexOf(`passed ${pass}`, started);
      expect(events.indexOf(`request ${request}`, started)).toBeGreaterThan(ended);
      from = started;
    }
  });

  it("a failed pass rejects with its error while a read is ahead, and the source's return runs", async () => {
    const events: string[] = [];
    const run = fitMixtureStream(poisoning(events), {
      ...options,
      init: start,
      executor: laterExecutor(events, 1),
    });
    await expect(run).rejects.toThrow('pass 1 failed');
    // Chunk 2 was requested during the failed pass over chunk 1, then the source was closed.
    expect(events.slice(-3)).toEqual(['pass 1', 'request 2', 'closed']);
  });
});
