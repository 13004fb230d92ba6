import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Matrix } from '@mixkit/core';
import { gaussianDiag, gaussianDiagParams } from '@mixkit/distributions';
import { fitMixture, fitMixtureStream, type MixtureModel } from '@mixkit/em';
import type { WorkerPool } from '@mixkit/workers';
import { startStopwatch } from '../harness/stopwatch.js';
import type {
  BenchCase,
  BenchContext,
  Contender,
  ContenderResult,
  Suite,
  TargetCheck,
} from '../harness/types.js';
import { benchPool } from '../harness/workerPools.js';
import {
  type GaussianMixtureParams,
  gaussianMixtureLogLikelihood,
} from '../reference/gaussianMixtureLogLikelihood.js';
import type { InitialParameters } from '../workloads/initialParameters.js';
import { loadWorkload, type WorkloadHeader } from '../workloads/workloadCache.js';

/** EM iterations per fit; each fit also ends with a scoring pass, so it reads the data 6 times. */
const ITERATIONS = 5;
const PASSES = ITERATIONS + 1;
const REG_COVAR = 1e-6;
/** Rows per chunk read from disk at full size (the issue's figure); a tenth of n otherwise. */
const FULL_CHUNK_ROWS = 100_000;

/** The fit both contenders run: diagonal Gaussians from the shared start, fixed iterations. */
function fitOptions(init: InitialParameters) {
  const params = init.means.map((mean, j) =>
    gaussianDiagParams(mean, init.diag.covariances[j] as number[]),
  );
  return {
    family: gaussianDiag({ regCovar: REG_COVAR }),
    nClusters: init.weights.length,
    init: { kind: 'params', params, weights: init.weights } as const,
    tolerance: 0,
    maxIterations: ITERATIONS,
  };
}

function toResult(model: MixtureModel): GaussianMixtureParams {
  const params = model.params as { mean: Float64Array; variances: Float64Array }[];
  return {
    weights: Array.from(model.weights),
    means: params.map((p) => Array.from(p.mean)),
    covariances: params.map((p) => Array.from(p.variances)),
  };
}

/**
 * The `.f64` workload file as chunks of `chunkRows` rows, read with positioned reads into one
 * reused buffer: the runner never touches a chunk after asking for the next, so one buffer is
 * all the data this process ever holds.
 */
async function* readChunks(header: WorkloadHeader, chunkRows: number, buffer: Float64Array) {
  const { rows, cols, dataFile } = header;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const handle = await open(dataFile, 'r');
  try {
    for (let start = 0; start < rows; start += chunkRows) {
      const count = Math.min(chunkRows, rows - start);
      const length = count * cols * 8;
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(
          bytes,
          done,
          length - done,
          start * cols * 8 + done,
        );
        if (bytesRead === 0) throw new Error(`${dataFile}: unexpected end of file`);
        done += bytesRead;
      }
      yield { rows: count, cols, data: buffer.subarray(0, count * cols) } satisfies Matrix;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The stream from disk; with `workers`, each chunk's pass runs on the run's pool while the next
 * chunk is read (double buffering in `streamPass`), so its time per pass approaches the larger
 * of the read and the pass instead of their sum.
 */
function streamContender(
  header: WorkloadHeader,
  init: InitialParameters,
  chunkRows: number,
  workers = 0,
) {
  let pool: WorkerPool | undefined;
  return {
    id: workers === 0 ? 'mixkit/stream' : `mixkit/stream-${workers}w`,
    library: 'mixkit',
    variant: `fitMixtureStream, ${chunkRows.toLocaleString('en')}-row chunks from disk${workers === 0 ? '' : `, ${workers} workers, the next chunk read during each pass`}`,
    threads: Math.max(1, workers),
    ...(workers === 0
      ? {}
      : {
          prepare: async () => {
            pool = await benchPool(workers);
          },
        }),
    run: async () => {
      const buffer = new Float64Array(chunkRows * header.cols);
      const watch = startStopwatch();
      const model = await fitMixtureStream(() => readChunks(header, chunkRows, buffer), {
        ...fitOptions(init),
        ...(pool === undefined ? {} : { executor: pool }),
      });
      const { seconds, cpuSeconds } = watch.stop();
      return { seconds, cpuSeconds, iterations: PASSES, result: toResult(model) };
    },
  } satisfies Contender;
}

function inMemoryContender(header: WorkloadHeader, init: InitialParameters) {
  return {
    id: 'mixkit/in-memory',
    library: 'mixkit',
    variant: 'fitMixture after reading the whole file',
    threads: 1,
    run: () => {
      const watch = startStopwatch();
      const bytes = readFileSync(header.dataFile);
      const data = new Float64Array(bytes.buffer, bytes.byteOffset, header.rows * header.cols);
      const model = fitMixture({ rows: header.rows, cols: header.cols, data }, fitOptions(init));
      const { seconds, cpuSeconds } = watch.stop();
      return { seconds, cpuSeconds, iterations: PASSES, result: toResult(model) };
    },
  } satisfies Contender;
}

function targets(rows: readonly ContenderResult[], chunkBytes: number, dataBytes: number) {
  const stream = rows.find((r) => r.id === 'mixkit/stream' && r.status === 'ok');
  const memory = 'streamed peak memory ≤ 2 chunks + 32 MiB, whatever the data size';
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const checks: TargetCheck[] = [];
  if (stream?.memory) {
    const budget = 2 * chunkBytes + 32 * 2 ** 20;
    checks.push({
      description: memory,
      met: stream.memory.peakBytes <= budget,
      detail: `${mib(stream.memory.peakBytes)} measured; budget ${mib(budget)} (one chunk ${mib(chunkBytes)}, the data ${mib(dataBytes)})`,
    });
  } else {
    checks.push({ description: memory, met: null, detail: 'memory not measured' });
  }
  return checks;
}

function outOfCoreCase(ctx: BenchContext): BenchCase {
  // Generates the file when missing; the data itself is dropped here and read by the runs.
  const { header, init } = loadWorkload('gmm-large', ctx.size, ctx.cacheDir, ctx.log);
  const chunkRows =
    ctx.size === 'full' ? FULL_CHUNK_ROWS : Math.max(1, Math.ceil(header.rows / 10));
  const k = init.weights.length;
  let X: Matrix | undefined;
  return {
    id: 'outofcore/gmm-large-diag',
    title: `Out-of-core EM (diagonal Gaussians), ${ITERATIONS} iterations + a scoring pass streamed from disk in ${chunkRows.toLocaleString('en')}-row chunks: ${header.rows} x ${header.cols}, k=${k}`,
    reference: 'mixkit/stream',
    workload: { name: header.name, rows: header.rows, cols: header.cols, k },
    objectiveLabel: 'mean log-likelihood of the final parameters (harness formula)',
    contenders: [
      streamContender(header, init, chunkRows),
      streamContender(header, init, chunkRows, 2),
      inMemoryContender(header, init),
    ],
    ...(ctx.size === 'full' ? { rounds: 2, warmup: 0 } : {}),
    evaluate: (result) => {
      X ??= loadWorkload('gmm-large', ctx.size, ctx.cacheDir).X;
      return gaussianMixtureLogLikelihood(X, result as GaussianMixtureParams, 'diag');
    },
    targets: (rows) => targets(rows, chunkRows * header.cols * 8, header.bytes),
    notes: [
      `time per iteration is time per pass over the data (${PASSES} passes per fit: ${ITERATIONS} EM iterations and the final scoring pass), reading included: the stream re-reads the file every pass (from the page cache when it fits), the in-memory row reads it once`,
      'memory: peak RSS above the pre-run RSS; the in-memory row holds the whole data, the stream one reused chunk buffer',
    ],
  };
}

/** Out-of-core EM: a data set streamed from disk chunk by chunk against the same fit in memory. */
export const outOfCoreSuite: Suite = {
  name: 'outofcore',
  description: 'out-of-core EM (fitMixtureStream) streaming gmm-large from disk',
  caseIds: () => ['outofcore/gmm-large-diag'],
  buildCase: async (id, ctx) => {
    if (id !== 'outofcore/gmm-large-diag') throw new Error(`unknown outofcore case ${id}`);
    return outOfCoreCase(ctx);
  },
};
