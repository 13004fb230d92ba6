import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AbortedError, InvalidInputError, type Matrix, type MatrixInput } from '@mixkit/core';
import { makeMixedTypes } from '@mixkit/datasets';
import {
  categorical,
  gaussianDiag,
  gaussianFull,
  gaussianTied,
  poisson,
  product,
} from '@mixkit/distributions';
import { setKernelCompilation } from '@mixkit/linalg';
import { gaussianBlobs, MockComponentFamily } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { fitMixture } from '../src/run/fitMixture.js';
import type { FitMixtureOptions } from '../src/run/iterateEm.js';
import { fitMixtureStream } from '../src/stream/fitMixtureStream.js';
import { iterateEmStream } from '../src/stream/iterateEmStream.js';
import { chunksOf, modelDifference } from './helpers.js';

const { X } = gaussianBlobs({
  centers: [
    [0, 0],
    [4, 1],
    [1, 4],
  ],
  size: [40, 55, 35],
  seed: 4,
});

/** A given start: one in-memory initialisation (k-means labels, one M-step). */
function startOf(data: Matrix, options: FitMixtureOptions) {
  const init = fitMixture(data, { ...options, maxIterations: 0 });
  return { kind: 'params', params: init.params, weights: init.weights } as const;
}

const chunkings: Record<string, readonly number[]> = {
  'one row': [1],
  'seven rows': [7],
  uneven: [13, 1, 50, 0, 66],
  whole: [X.rows],
};

describe('fitMixtureStream with chunks in kernel memory (WebAssembly)', () => {
  it('copies large chunks there and gives the same bits as the JavaScript loops', async () => {
    const big = gaussianBlobs({
      centers: [
        [0, 0, 1, 2],
        [4, 1, 0, 0],
        [1, 4, 2, 2],
      ],
      size: 12_000,
      seed: 8,
    }).X;
    // 9,000 x 4 = 36,000 values a chunk: under the threshold alone, so the last, larger chunk
    // (18,000 rows) takes kernel memory and the smaller ones reuse it on later passes.
    const chunks = chunksOf(big, [9_000, 9_000, 18_000]);
    const options = {
      family: gaussianDiag(),
      nClusters: 3,
      tolerance: 0,
      maxIterations: 8,
    } as const;
    const init = startOf(big, options);
    const simd = await fitMixtureStream(() => chunks, { ...options, init });
    setKernelCompilation(false);
    try {
      const plain = await fitMixtureStream(() => chunks, { ...options, init });
      expect(simd.diagnostics.objective).toEqual(plain.diagnostics.objective);
      expect(simd.toJSON()).toEqual(plain.toJSON());
    } finally {
      setKernelCompilation(true);
    }
  });
});

describe('fitMixtureStream (out-of-core exact EM)', () => {
  const full = { family: gaussianFull(), nClusters: 3, tolerance: 0, maxIterations: 25 } as const;
  const init = startOf(X, full);
  const inMemory = fitMixture(X, { ...full, init });

  for (const [name, sizes] of Object.entries(chunkings)) {
    it(`chunks of ${name}: the parameters and objective trace of in-memory EM from the same start (1e-10 relative)`, async () => {
      const chunks = chunksOf(X, sizes);
      const streamed = await fitMixtureStream(() => chunks, { ...full, init });
      expect(modelDifference(streamed, inMemory)).toBeLessThan(1e-10);
      const trace = streamed.diagnostics.objective;
      expect(trace).toHaveLength(25);
      trace.forEach((value, i) => {
        const expected = inMemory.diagnostics.objective[i];
        expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-10 * Math.abs(expected));
      });
      expect(streamed.score(X)).toBeCloseTo(inMemory.score(X), 10);
    });
  }

  it('accepts an async generator of chunks and rows as number[][]', async () => {
    async function* rows() {
      for (const chunk of chunksOf(X, [9])) {
        yield Array.from({ length: chunk.rows }, (_, r) =>
          Array.from(chunk.data.subarray(r * 2, r * 2 + 2)),
        );
      }
    }
    const streamed = await fitMixtureStream(rows, { ...full, init });
    expect(modelDifference(streamed, inMemory)).toBeLessThan(1e-10);
  });

  it('initialises from the leading rows: with initRows >= n it is in-memory EM from the same seed', async () => {
    const options = { family: gaussianFull(), nClusters: 3, random: 3, nInit: 2 } as const;
    const expected = fitMixture(X, options);
    const streamed = await fitMixtureStream(() => chunksOf(X, [7]), {
      ...options,
      initRows: X.rows,
    });
    expect(modelDifference(streamed, expected)).toBeLessThan(1e-10);
    expect(streamed.diagnostics.iterations).toBe(expected.diagnostics.iterations);
    expect(streamed.diagnostics.converged).toBe(true);
  });

  it('works for any family: mixed-type products and a tied covariance (estimateAll), hard E-step too', async () => {
    const mixed = makeMixedTypes({ nSamples: 300, nClusters: 3, random: 2 });
    const family = product([
      { columns: [0, 1], family: gaussianDiag() },
      { columns: [2], family: poisson() },
      { columns: [3], family: categorical({ levels: 4, pseudocount: 1 }) },
    ]);
    const cases: [Matrix, FitMixtureOptions][] = [
      [mixed.X, { family, nClusters: 3, tolerance: 0, maxIterations: 15 }],
      [X, { family: gaussianTied(), nClusters: 3, tolerance: 0, maxIterations: 15 }],
      [mixed.X, { family, nClusters: 3, tolerance: 0, maxIterations: 15, estep: 'hard' }],
    ];
    for (const [data, options] of cases) {
      const start = startOf(data, options);
      const expected = fitMixture(data, { ...options, init: start });
      const streamed = await fitMixtureStream(() => chunksOf(data, [11, 29]), {
        ...options,
        init: start,
      });
      expect(modelDifference(streamed, expected)).toBeLessThan(1e-10);
    }
  });

  it('requests chunks lazily, one at a time, and never reads a chunk after requesting the next', async () => {
    const events: string[] = [];
    const base = gaussianFull();
    const logged: typeof base = {
      ...base,
      logDensity(params, data, from, to, out, offset, stride) {
        events.push(`logDensity ${data.rows}`);
        return base.logDensity(params, data, from, to, out, offset, stride);
      },
    };
    const sizes = [5, 8, 6];
    function* source(): Generator<MatrixInput> {
      let previous: Float64Array | undefined;
      for (const view of chunksOf(X, sizes)) {
        // The runner asked for this chunk: poison the one before, so reading it again would
        // give NaN (and a thrown error or different parameters).
        previous?.fill(Number.NaN);
        previous = view.data.slice();
        events.push(`request ${view.rows}`);
        yield { rows: view.rows, cols: view.cols, data: previous };
      }
    }
    const options = { family: logged, nClusters: 2, tolerance: 0, maxIterations: 3 } as const;
    const start = startOf(X, options);
    events.length = 0;
    const streamed = await fitMixtureStream(source, { ...options, init: start });
    const expected = fitMixture(X, { ...options, init: start });
    expect(modelDifference(streamed, expected)).toBeLessThan(1e-10);
    // Every request is followed by that chunk's work before the next request.
    const requests = events.filter((e) => e.startsWith('request'));
    // 3 iterations and the final E-step: 4 passes.
    expect(requests).toHaveLength(4 * chunksOf(X, sizes).length);
    events.forEach((event, i) => {
      if (!event.startsWith('request')) return;
      const rows = event.split(' ')[1];
      expect(events[i + 1]).toBe(`logDensity ${rows}`);
    });
  });

  it('does not retain a chunk once the next is requested (checked with the garbage collector)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const released: boolean[] = [];
    const refs: WeakRef<Float64Array>[] = [];
    async function* source(): AsyncGenerator<MatrixInput> {
      const views = chunksOf(X, [10]);
      for (let i = 0; i < views.length; i++) {
        if (i >= 2) {
          // Chunk i - 1 may still be the runner's current binding; chunk i - 2 must be gone.
          await nextTurn();
          gc();
          released.push(refs[i - 2].deref() === undefined);
        }
        const data = views[i].data.slice();
        refs.push(new WeakRef(data));
        yield { rows: views[i].rows, cols: 2, data };
      }
    }
    await fitMixtureStream(source, { ...full, init, maxIterations: 1 });
    expect(released.length).toBeGreaterThanOrEqual(20);
    expect(released.every(Boolean)).toBe(true);
  });

  it('validates every chunk on every pass, naming the chunk, the row and the column', async () => {
    const family = new MockComponentFamily();
    const options = { family, nClusters: 2, tolerance: 0, maxIterations: 2 } as const;
    const start = startOf(X, options);
    const before = family.calls.length;
    await fitMixtureStream(() => chunksOf(X, [50]), { ...options, init: start });
    const validations = family.calls.slice(before).filter((c) => c.member === 'validate');
    expect(validations).toHaveLength(3 * 3); // 3 chunks x (2 iterations + the final E-step)
    const bad = chunksOf(X, [50]).map((c) => ({ ...c, data: c.data.slice() }));
    bad[1].data[2 * 2 + 1] = Number.NaN;
    const failure = fitMixtureStream(() => bad, { ...full, init });
    await expect(failure).rejects.toThrow(InvalidInputError);
    await expect(fitMixtureStream(() => bad, { ...full, init })).rejects.toMatchObject({
      argument: 'chunks[1]',
      row: 2,
      column: 1,
    });
    const counts = [{ rows: 2, cols: 1, data: Float64Array.from([1, -2]) }];
    await expect(
      fitMixtureStream(() => counts, { family: poisson(), nClusters: 1 }),
    ).rejects.toMatchObject({ argument: 'chunks[0]', row: 1 });
    const ragged = [X, { rows: 1, cols: 3, data: new Float64Array(3) }];
    await expect(fitMixtureStream(() => ragged, { ...full, init })).rejects.toThrow(
      /chunks\[1\].*expected 2 columns/,
    );
  });

  it('rejects an empty source, too few rows, a source that changes between passes, a non-function and per-row options', async () => {
    await expect(fitMixtureStream(() => [], { ...full })).rejects.toThrow(/no rows/);
    await expect(
      fitMixtureStream(() => [{ rows: 2, cols: 2, data: new Float64Array(4) }], { ...full, init }),
    ).rejects.toThrow(/cannot fit 3 components to 2 rows/);
    let calls = 0;
    const shrinking = () => (calls++ === 0 ? [X] : chunksOf(X, [X.rows - 1]).slice(0, 1));
    await expect(fitMixtureStream(shrinking, { ...full, init })).rejects.toThrow(/same rows/);
    await expect(
      fitMixtureStream(X as unknown as () => Matrix[], { ...full, init }),
    ).rejects.toMatchObject({ argument: 'source' });
    const weighted = { ...full, init, sampleWeight: new Float64Array(X.rows).fill(1) };
    await expect(fitMixtureStream(() => [X], weighted)).rejects.toMatchObject({
      argument: 'sampleWeight',
    });
  });

  it('reports progress after every iteration and stops on abort, within one chunk', async () => {
    const progress: number[] = [];
    const model = await fitMixtureStream(() => chunksOf(X, [20]), {
      ...full,
      init,
      maxIterations: 4,
      onIteration: (step) => progress.push(step.objective),
    });
    expect(progress).toEqual(model.diagnostics.objective);
    progress.forEach((value, i) => {
      expect(value).toBeCloseTo(inMemory.diagnostics.objective[i], 10);
    });

    const controller = new AbortController();
    const fromProgress = fitMixtureStream(() => chunksOf(X, [20]), {
      ...full,
      init,
      signal: controller.signal,
      onIteration: (step) => {
        if (step.iteration === 2) controller.abort();
      },
    });
    await expect(fromProgress).rejects.toThrow(AbortedError);

    const midPass = new AbortController();
    let requested = 0;
    function* source() {
      for (const chunk of chunksOf(X, [20])) {
        requested++;
        if (requested === 3) midPass.abort();
        yield chunk;
      }
    }
    await expect(
      fitMixtureStream(source, { ...full, init, signal: midPass.signal }),
    ).rejects.toThrow(AbortedError);
    expect(requested).toBe(3);
    const aborted = AbortSignal.abort();
    await expect(fitMixtureStream(source, { ...full, signal: aborted })).rejects.toThrow(
      AbortedError,
    );
  });

  it('is an async step generator: iterateEmStream yields each iteration and returns the model', async () => {
    const steps = iterateEmStream(() => chunksOf(X, [33]), { ...full, init, maxIterations: 3 });
    const iterations: number[] = [];
    for (;;) {
      const next = await steps.next();
      if (next.done) {
        expect(next.value.diagnostics.iterations).toBe(3);
        break;
      }
      iterations.push(next.value.iteration);
    }
    expect(iterations).toEqual([1, 2, 3]);
  });
});
