import { createRandom, type Matrix } from '@mixkit/core';
import {
  allocateKernelArrays,
  cholesky,
  invertLowerTriangular,
  NearestCenters,
  rowSquaredNorms,
  squaredMahalanobis,
  weightedMeanScatter,
} from '@mixkit/linalg';
import { startStopwatch } from '../harness/stopwatch.js';
import type {
  BenchCase,
  BenchContext,
  Contender,
  ContenderResult,
  RunSample,
  TargetCheck,
} from '../harness/types.js';
import { simdPeakBinary } from '../reference/simdPeakBinary.js';

/** Flops of one iteration of simdPeak.wat's loop (6 f64x2 multiplies and 6 adds). */
const PEAK_FLOPS_PER_LOOP = 24;

/**
 * The machine's f64x2 peak, timed for the same flop count as the case's kernel: its "time ÷
 * mixkit" is then the kernel's share of the peak, and its throughput the peak itself.
 */
function peakContender(flops: number, reps: number): Contender {
  let peak: ((iterations: number, m: number, c: number) => number) | undefined;
  return {
    id: 'machine/f64x2-peak',
    library: 'machine',
    variant: 'f64x2 multiply and add on registers, no loads (the 128-bit ceiling without FMA)',
    threads: 1,
    prepare: () => {
      const bytes = Uint8Array.from(atob(simdPeakBinary), (ch) => ch.charCodeAt(0));
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
      peak = instance.exports.peak as typeof peak;
    },
    run: () => {
      const loops = Math.max(1, Math.round(flops / PEAK_FLOPS_PER_LOOP));
      const watch = startStopwatch();
      let sink = 0;
      for (let r = 0; r < reps; r++) sink += peak!(loops, 1.0000000001, 1e-12);
      const { seconds, cpuSeconds } = watch.stop();
      return { seconds, cpuSeconds, iterations: reps, details: { sink } };
    },
    // Not the same computation: its output is not compared.
    comparable: false,
  };
}

function timed(reps: number, call: () => unknown): RunSample {
  let sink: unknown;
  const watch = startStopwatch();
  for (let r = 0; r < reps; r++) sink = call();
  const { seconds, cpuSeconds } = watch.stop();
  return { seconds, cpuSeconds, iterations: reps, result: sink };
}

/** The kernel's share of the measured peak (the peak row's time over the kernel's). */
function shareOfPeak(rows: readonly ContenderResult[], minimum: number): TargetCheck {
  const kernel = rows.find((r) => r.id === 'mixkit' && r.status === 'ok');
  const peak = rows.find((r) => r.id === 'machine/f64x2-peak' && r.status === 'ok');
  const description = `the WebAssembly kernel reaches at least ${Math.round(minimum * 100)}% of the measured f64x2 peak`;
  if (!kernel?.throughput || !peak?.throughput) {
    return { description, met: null, detail: 'a row did not run' };
  }
  // Both rows do the same flops, interleaved: the share is their time ratio. On CPU time too,
  // which time-slicing on a loaded machine inflates much less than wall time.
  const share = kernel.throughput.value / peak.throughput.value;
  const cpu =
    kernel.cpuPerIteration && peak.cpuPerIteration
      ? `; CPU time: ${((100 * peak.cpuPerIteration) / kernel.cpuPerIteration).toFixed(0)}%, peak ${((kernel.throughput.value * (kernel.perIteration?.median ?? 0)) / peak.cpuPerIteration).toFixed(1)} GFLOP/s per CPU second`
      : '';
  return {
    description,
    met: share >= minimum,
    detail: `${kernel.throughput.value.toFixed(1)} of ${peak.throughput.value.toFixed(1)} GFLOP/s (${(share * 100).toFixed(0)}%)${cpu}`,
  };
}

function randomRows(rows: number, cols: number, seed: number): Matrix {
  const random = createRandom(seed);
  return {
    rows,
    cols,
    data: Float64Array.from({ length: rows * cols }, () => random.normal()),
  };
}

/** In kernel memory: X's rows and `length` more doubles (`extra`); throws without WebAssembly. */
function inKernelMemory(X: Matrix, length: number): { X: Matrix; extra: Float64Array } {
  const arrays = allocateKernelArrays([X.data.length, length]);
  if (arrays === undefined) throw new Error('WebAssembly SIMD is not available');
  const [data, extra] = arrays;
  if (data === undefined || extra === undefined) throw new Error('two arrays were asked for');
  data.set(X.data);
  return { X: { rows: X.rows, cols: X.cols, data }, extra };
}

/** The precision Cholesky factor of a random well-conditioned covariance (upper, d x d). */
function precisionFactor(d: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const A = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) A[i * d + j] = A[j * d + i] = 0.1 * random.normal();
    A[i * d + i] = d * 0.2 + 1 + random.uniform();
  }
  const factor = cholesky(d, A);
  if (!factor.ok) throw new Error('not positive definite');
  const Linv = invertLowerTriangular(d, factor.factor);
  const U = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) U[a * d + b] = Linv[b * d + a] ?? 0;
  return U;
}

/** The full-covariance E-step's distances: k components over blocks of 1024 rows, stride k. */
export function mahalanobisCase(ctx: BenchContext, d: number, k: number, n: number): BenchCase {
  const rows = ctx.size === 'tiny' ? 512 : ctx.size === 'small' ? n / 4 : n;
  const X = randomRows(rows, d, 23 + d);
  const Us = Array.from({ length: k }, (_, c) => precisionFactor(d, 100 * d + c));
  const means = Array.from({ length: k }, (_, c) => randomRows(1, d, 7 * c + d).data);
  const block = 1024;
  const flops = rows * k * d * (d + 1);
  let kernel: { X: Matrix; extra: Float64Array } | undefined;
  const plainOut = new Float64Array(block * k);
  const pass = (data: Matrix, out: Float64Array) => {
    for (let s = 0; s < rows; s += block) {
      const e = Math.min(rows, s + block);
      Us.forEach((U, c) => {
        squaredMahalanobis(data, s, e, means[c] ?? new Float64Array(d), U, out, c, k, -0.5, 1);
      });
    }
    return out;
  };
  const reps = ctx.size === 'tiny' ? 1 : 3;
  return {
    id: `linalg/mahalanobis-full-d${d}`,
    title: `Full-covariance E-step distances ‖(x − μ)U‖², ${rows} rows x ${k} components, d=${d}`,
    reference: 'mixkit',
    flopsPerIteration: flops,
    workload: { name: 'random normal rows', rows, cols: d, k },
    contenders: [
      {
        id: 'mixkit',
        library: 'mixkit',
        variant: 'squaredMahalanobis, rows and output in kernel memory (WebAssembly SIMD)',
        threads: 1,
        prepare: () => {
          kernel = inKernelMemory(X, block * k);
        },
        run: () => timed(reps, () => pass(kernel!.X, kernel!.extra)),
      },
      {
        id: 'mixkit/javascript',
        library: 'mixkit',
        variant: `squaredMahalanobis on ordinary arrays (${d <= 32 ? 'loop unrolled for d' : 'generic loop'}; the same bits)`,
        threads: 1,
        run: () => timed(reps, () => pass(X, plainOut)),
      },
      peakContender(flops, reps),
    ],
    targets: (results) => [shareOfPeak(results, 0.5)],
    notes: [
      `flops n·k·d(d+1) per pass: y = (x − μ)U uses the d(d+1)/2 non-zero entries of U, one multiply and one add each, then d squares`,
      'blocks of 1024 rows, every component writing its column of a 1024 x k block (stride k), as the EM runner calls it',
    ],
  };
}

/** The full-covariance M-step's weighted scatter (all weights non-zero). */
export function scatterFullCase(ctx: BenchContext, d: number, n: number): BenchCase {
  const rows = ctx.size === 'tiny' ? 512 : ctx.size === 'small' ? n / 4 : n;
  const X = randomRows(rows, d, 41 + d);
  const random = createRandom(5);
  const weights = Float64Array.from({ length: rows }, () => 0.05 + random.uniform());
  const mean = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  let kernel: { X: Matrix; extra: Float64Array } | undefined;
  const flops = rows * d * (d + 1);
  const reps = ctx.size === 'tiny' ? 1 : 10;
  return {
    id: `linalg/scatter-full-d${d}`,
    title: `Full weighted scatter Σ w (x − s)(x − s)ᵀ, ${rows} rows, d=${d}`,
    reference: 'mixkit',
    flopsPerIteration: flops,
    workload: { name: 'random normal rows', rows, cols: d },
    contenders: [
      {
        id: 'mixkit',
        library: 'mixkit',
        variant: 'weightedMeanScatter full, rows and weights in kernel memory (WebAssembly SIMD)',
        threads: 1,
        prepare: () => {
          kernel = inKernelMemory(X, rows);
          kernel.extra.set(weights);
        },
        run: () =>
          timed(reps, () =>
            weightedMeanScatter(kernel!.X, 0, rows, kernel!.extra, 0, 1, mean, scatter, 'full'),
          ),
      },
      {
        id: 'mixkit/javascript',
        library: 'mixkit',
        variant: `weightedMeanScatter full on ordinary arrays (${d <= 24 ? 'loop unrolled for d' : 'generic loop'}; the same bits)`,
        threads: 1,
        run: () =>
          timed(reps, () => weightedMeanScatter(X, 0, rows, weights, 0, 1, mean, scatter, 'full')),
      },
      peakContender(flops, reps),
    ],
    targets: (results) => [shareOfPeak(results, 0.5)],
    notes: [
      'flops n·d(d+1): the lower triangle of Σ w z zᵀ, one multiply and one add per entry and row (rows taken in pairs)',
    ],
  };
}

/** k-means' nearest-centre search: the float32 screen with float64 confirmation, all rows. */
export function nearestCentersCase(ctx: BenchContext, d: number, k: number, n: number): BenchCase {
  const rows = ctx.size === 'tiny' ? 512 : ctx.size === 'small' ? n / 4 : n;
  const X = randomRows(rows, d, 61 + d);
  const C = randomRows(k, d, 62 + d);
  const cNorms = rowSquaredNorms(C);
  const labels = new Int32Array(rows);
  const flops = 2 * rows * k * d;
  const reps = ctx.size === 'tiny' ? 1 : 5;
  let search: NearestCenters | undefined;
  return {
    id: `linalg/nearest-centers-d${d}-k${k}`,
    title: `Nearest centres (Lloyd's labels), ${rows} rows x ${k} centres, d=${d}`,
    reference: 'mixkit',
    flopsPerIteration: flops,
    workload: { name: 'random normal rows', rows, cols: d, k },
    contenders: [
      {
        id: 'mixkit',
        library: 'mixkit',
        variant: 'NearestCenters.nearest (float32 f32x4 screen, float64 where it cannot tell)',
        threads: 1,
        prepare: () => {
          search = new NearestCenters(X, k);
          search.setCenters(C, cNorms);
        },
        run: () => timed(reps, () => search!.nearest(null, 0, rows, labels)),
      },
      peakContender(flops, reps),
    ],
    targets: (results) => [shareOfPeak(results, 0.5)],
    notes: [
      'nominal flops 2·n·k·d (the products of the screen); the float32 screen has twice the lanes of the f64x2 peak it is compared with',
    ],
  };
}
