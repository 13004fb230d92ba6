// Breakdown of one whole fit into its fixed per-fit costs (input coercion and finite check,
// placement in kernel memory, final scoring) and its iterations, measured from outside the
// library: performance.now() and process.cpuUsage() around the fit, at each onIteration, and
// around the library's own coercion (toMatrix) and placement (allocateKernelArrays + copy)
// timed alone on the same data. For the fits from a given start it also measures the fixed
// parts directly, as the harness case em/gmm-large-diag-fixed-costs does: the same fit with
// maxIterations 0, started from the parameters the timed fit ended with (so its one scoring pass
// is the timed fit's final one), which runs every fixed part once and no iteration. Usage (after building the packages):
//   node tooling/bench/scripts/fixedCosts.mjs [rows=1000000] [cols=16] [k=16] [iterations=10] [given]
// (`given`: only the fits from a given start, on X and on prepared data)
import { performance } from 'node:perf_hooks';
import { toMatrix } from '@mixkit/core';
import { GaussianMixture } from '@mixkit/gaussian-mixture';
import { KMeans } from '@mixkit/kmeans';
import { allocateKernelArrays } from '@mixkit/linalg';

const [n = 1_000_000, d = 16, k = 16, iterations = 10] = process.argv.slice(2, 6).map(Number);
const onlyGiven = process.argv[6] === 'given';

/** Seeded data: k Gaussian blobs (xorshift + Box-Muller), row-major. */
function makeData() {
  let s = 0x9e3779b9;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const centers = Float64Array.from({ length: k * d }, () => 10 * gauss());
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    for (let j = 0; j < d; j++) data[i * d + j] = centers[c * d + j] + gauss();
  }
  return { rows: n, cols: d, data };
}

function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
  };
}

const fmt = (t) =>
  `${t.wall.toFixed(0).padStart(6)} ms wall ${t.cpu.toFixed(0).padStart(6)} ms cpu`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times a fit: total, each onIteration, and the tail after the last one (final scoring). */
function timeFit(label, fit) {
  const marks = [];
  const stop = clock();
  const model = fit(() => marks.push(stop()));
  const total = stop();
  const steps = marks.map((m, i) => ({
    wall: m.wall - (i === 0 ? 0 : marks[i - 1].wall),
    cpu: m.cpu - (i === 0 ? 0 : marks[i - 1].cpu),
  }));
  const last = marks[marks.length - 1];
  const tail = { wall: total.wall - last.wall, cpu: total.cpu - last.cpu };
  const steady = {
    wall: median(steps.slice(1).map((s) => s.wall)),
    cpu: median(steps.slice(1).map((s) => s.cpu)),
  };
  const before = { wall: steps[0].wall - steady.wall, cpu: steps[0].cpu - steady.cpu };
  console.log(`${label}: ${marks.length} iterations`);
  console.log(`  whole fit                         ${fmt(total)}`);
  console.log(`  steady iteration (median)         ${fmt(steady)}`);
  console.log(`  before iteration 1 (first - steady) ${fmt(before)}`);
  console.log(`  after the last iteration (final)  ${fmt(tail)}`);
  const fixed = {
    wall: total.wall - marks.length * steady.wall,
    cpu: total.cpu - marks.length * steady.cpu,
  };
  console.log(
    `  fixed = whole - iterations*steady ${fmt(fixed)}  (${((100 * fixed.cpu) / total.cpu).toFixed(0)}% of cpu)`,
  );
  return { model, total };
}

/**
 * The fixed parts of a given-start diagonal fit measured directly: a fit with maxIterations 0
 * on the same data, from the parameters `model` ended with.
 */
function directFixed(data, model, total) {
  const start = {
    weightsInit: Array.from(model.weights),
    meansInit: Array.from({ length: k }, (_, c) =>
      Array.from(model.means.data.subarray(c * d, (c + 1) * d)),
    ),
    precisionsInit: model.covariances.map((v) => Array.from(v, (x) => 1 / x)),
  };
  const stop = clock();
  new GaussianMixture({
    nClusters: k,
    covarianceType: 'diag',
    maxIterations: 0,
    tolerance: 0,
    ...start,
  }).fit(data);
  const fixed = stop();
  console.log(
    `  fixed, measured directly (0 iterations from the final parameters) ${fmt(fixed)}  (${((100 * fixed.cpu) / total.cpu).toFixed(1)}% of cpu)`,
  );
}

const makeWatch = clock();
const X = makeData();
console.log(
  `data ${n}x${d}, k=${k}: generated in ${fmt(makeWatch())}; load ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

for (let r = 0; r < 2; r++) {
  const t1 = clock();
  toMatrix(X);
  console.log(`toMatrix (coercion + finite check), alone   ${fmt(t1())}`);
  const t2 = clock();
  const arrays = allocateKernelArrays([n * d, 1024 * k]);
  const t2a = t2();
  arrays?.[0].set(X.data);
  console.log(`allocateKernelArrays alone ${fmt(t2a)}; + copy ${fmt(t2())}`);
}

const init = new GaussianMixture({
  nClusters: k,
  covarianceType: 'diag',
  maxIterations: 1,
  tolerance: 0,
  init: 'random-from-data',
}).fit(X, { random: 1 });
const precisions = Array.from({ length: k }, (_, c) =>
  Array.from(init.covariances[c], (v) => 1 / v),
);
const given = {
  weightsInit: Array.from(init.weights),
  meansInit: Array.from({ length: k }, (_, c) =>
    Array.from(init.means.data.subarray(c * d, (c + 1) * d)),
  ),
  precisionsInit: precisions,
};

for (let r = 0; r < 2; r++) {
  {
    const { model, total } = timeFit(
      `GaussianMixture diag, given start, ${iterations} iterations, tolerance 0`,
      (mark) =>
        new GaussianMixture({
          nClusters: k,
          covarianceType: 'diag',
          maxIterations: iterations,
          tolerance: 0,
          ...given,
        }).fit(X, { onIteration: mark }),
    );
    directFixed(X, model, total);
  }
  if (onlyGiven) continue;
  timeFit(`GaussianMixture diag, default start (k-means++), ${iterations} iterations`, (mark) =>
    new GaussianMixture({
      nClusters: k,
      covarianceType: 'diag',
      maxIterations: iterations,
      tolerance: 0,
    }).fit(X, { onIteration: mark, random: 7 }),
  );
  timeFit(`GaussianMixture diag, full fit (defaults, tolerance 1e-3)`, (mark) =>
    new GaussianMixture({ nClusters: k, covarianceType: 'diag' }).fit(X, {
      onIteration: mark,
      random: 7,
    }),
  );
  timeFit(`KMeans k=${k}, ${iterations} iterations, tolerance 0`, (mark) =>
    new KMeans({ nClusters: k, maxIterations: iterations, tolerance: 0, nInit: 1 }).fit(X, {
      onIteration: mark,
      random: 7,
    }),
  );
}

// Prepared data: placed and checked once, then reused across fits.
{
  const { prepareData } = await import('@mixkit/linalg');
  const t = clock();
  const prepared = prepareData(X);
  console.log(
    `prepareData (one pass: check + copy into kernel memory) ${fmt(t())}; in kernel memory: ${prepared.inKernelMemory}`,
  );
  for (let r = 0; r < 2; r++) {
    const { model, total } = timeFit(
      `GaussianMixture diag on prepared data, given start, ${iterations} iterations, tolerance 0`,
      (mark) =>
        new GaussianMixture({
          nClusters: k,
          covarianceType: 'diag',
          maxIterations: iterations,
          tolerance: 0,
          ...given,
        }).fit(prepared, { onIteration: mark }),
    );
    directFixed(prepared, model, total);
  }
  for (let r = 0; r < (onlyGiven ? 0 : 2); r++) {
    timeFit(`KMeans k=${k} on prepared data, ${iterations} iterations, tolerance 0`, (mark) =>
      new KMeans({ nClusters: k, maxIterations: iterations, tolerance: 0, nInit: 1 }).fit(
        prepared,
        { onIteration: mark, random: 7 },
      ),
    );
  }
  prepared.dispose();
}
