// The cost of a fresh process's first fit (JIT, WebAssembly compilation and tier-up) against the
// same fit warm: each variant runs in its own fresh `node` process, variants interleaved
// (A B C A B C ...), medians of the first fit's CPU and wall time and of the warm fit after it.
// CPU time (process.cpuUsage) is the figure to trust on a shared machine.
// Usage (after building the packages and generating the grid's workloads, e.g. with
// `cli.js --suite grid --case <id> --size full --generate-only`):
//   node tooling/bench/scripts/coldFit.mjs [processes=10] [variant ...]
// A variant is `label=path/to/packages[,node flags...]`; without one, this checkout's packages.
// Jobs: the grid shapes gmm-full 60k x 8 k=5, gmm-full 40k x 32 k=6, k-means 150k x 24 k=12 on
// separated blobs and on overlapping clusters (COLD_JOBS=3), from tooling/bench/.cache.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, '..', '.cache');

if (process.argv[2] === '--child') {
  // One fresh process: a job's first fit (cold), then two more (the third is reported as warm).
  const [, , , packages, jobJson] = process.argv;
  const job = JSON.parse(jobJson);
  const load = (name) => import(pathToFileURL(join(packages, name, 'dist', 'index.js')).href);
  const bytes = readFileSync(join(cache, `${job.stem}.f64`));
  const data = new Float64Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  const init = JSON.parse(readFileSync(join(cache, `${job.stem}.init.json`), 'utf8'));
  // Each fit gets its own copy of the data, so no fit sees a matrix an earlier one touched.
  const copies = [0, 1, 2].map(() => ({ rows: job.rows, cols: job.cols, data: data.slice() }));
  let X = copies[0];
  const k = init.centers.length;
  let fit;
  if (job.fit === 'kmeans') {
    const { KMeans } = await load('kmeans');
    const centers = { rows: k, cols: job.cols, data: Float64Array.from(init.centers.flat()) };
    fit = () => {
      const m = new KMeans({
        nClusters: k,
        init: centers,
        maxIterations: job.iterations,
        tolerance: 0,
      }).fit(X);
      return m.inertia;
    };
  } else {
    const { GaussianMixture } = await load('gaussian-mixture');
    fit = () =>
      new GaussianMixture({
        nClusters: k,
        covarianceType: 'full',
        regCovar: 1e-6,
        tolerance: 0,
        maxIterations: job.iterations,
        weightsInit: init.weights,
        meansInit: init.means,
        precisionsInit: init.full.precisions,
      }).fit(X).lowerBound;
  }
  // A recognisable gap between fits in a --cpu-prof profile.
  const marker = () => {
    const t = performance.now();
    while (performance.now() - t < 20);
  };
  // CPU milliseconds per thread name (Linux /proc; empty elsewhere): the main thread against
  // V8's background threads (concurrent TurboFan, WebAssembly compilation, GC helpers).
  const threads = () => {
    const out = {};
    let tasks = [];
    try {
      tasks = readdirSync('/proc/self/task');
    } catch {
      return out;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const key = tid === String(process.pid) ? 'main' : name;
        out[key] = (out[key] ?? 0) + ticks * 10;
      } catch {}
    }
    return out;
  };
  const timed = () => {
    marker();
    const perThread = threads();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const objective = fit();
    const used = process.cpuUsage(cpu);
    const after = threads();
    const split = Object.fromEntries(
      Object.entries(after).map(([name, ms]) => [name, ms - (perThread[name] ?? 0)]),
    );
    return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000, objective, split };
  };
  // COLD_SETTLE=ms: sleep first, so the background compilations of module loading finish
  // before the first fit (they would otherwise count in its process CPU time).
  const settle = Number(process.env.COLD_SETTLE ?? 0);
  if (settle > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, settle);
  // COLD_PRIME=rows: an untimed-apart fit on the first `rows` rows first (its CPU is added to
  // the cold fit's), to see whether running every path once on little data pays for itself.
  const prime = Number(process.env.COLD_PRIME ?? 0);
  let primeCpu = 0;
  if (prime > 0) {
    X = { rows: prime, cols: job.cols, data: data.slice(0, prime * job.cols) };
    primeCpu = timed().cpu;
  }
  const fits = copies.map((copy, i) => {
    if (process.env.COLD_TRACE) process.stdout.write(`=== fit ${i}\n`);
    X = copy;
    return timed();
  });
  fits[0].cpu += primeCpu;
  process.stdout.write(`${JSON.stringify(fits)}\n`);
  process.exit(0);
}

const JOBS = [
  {
    name: 'gmm-full 60k x 8 k=5',
    fit: 'gmm-full',
    stem: 'overlap-d8-k5-n60000',
    rows: 60_000,
    cols: 8,
    iterations: 5,
  },
  {
    name: 'gmm-full 40k x 32 k=6',
    fit: 'gmm-full',
    stem: 'overlap-d32-k6-n40000',
    rows: 40_000,
    cols: 32,
    iterations: 5,
  },
  {
    name: 'kmeans 150k x 24 k=12',
    fit: 'kmeans',
    stem: 'blobs-d24-k12-n150000',
    rows: 150_000,
    cols: 24,
    iterations: 20,
  },
  {
    name: 'kmeans overlapping 150k x 24 k=12',
    fit: 'kmeans',
    stem: 'overlap-d24-k12-n150000',
    rows: 150_000,
    cols: 24,
    iterations: 20,
  },
];

const processes = Number(process.argv[2] ?? 10);
const specs = process.argv.slice(3);
const variants = (
  specs.length > 0 ? specs : [`this=${join(here, '..', '..', '..', 'packages')}`]
).map((spec) => {
  const at = spec.indexOf('=');
  const [label, rest] = [spec.slice(0, at), spec.slice(at + 1)];
  const [packages, ...flags] = rest.split(',');
  return { label, packages: resolve(packages), flags };
});
const only = process.env.COLD_JOBS?.split(',').map(Number);
const jobs = only === undefined ? JOBS : only.map((i) => JOBS[i]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(
  `load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${processes} fresh processes per variant and job, interleaved`,
);
for (const job of jobs) {
  const runs = variants.map(() => []);
  for (let p = 0; p < processes; p++) {
    for (const [v, variant] of variants.entries()) {
      const child = spawnSync(
        process.execPath,
        [
          ...variant.flags,
          fileURLToPath(import.meta.url),
          '--child',
          variant.packages,
          JSON.stringify(job),
        ],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`${variant.label}: ${child.stderr}`);
      runs[v].push(JSON.parse(child.stdout.trim().split('\n').at(-1)));
    }
  }
  console.log(`\n${job.name}, ${job.iterations} iterations (medians; ms)`);
  console.log(
    'variant              cold cpu  cold wall  warm cpu  warm wall  cold-warm cpu  objective',
  );
  for (const [v, variant] of variants.entries()) {
    const r = runs[v];
    const cc = median(r.map((f) => f[0].cpu));
    const cw = median(r.map((f) => f[0].wall));
    const wc = median(r.map((f) => f[2].cpu));
    const ww = median(r.map((f) => f[2].wall));
    const names = [...new Set(r.flatMap((f) => Object.keys(f[0].split ?? {})))];
    const threadText = names
      .map(
        (name) =>
          `${name} ${median(r.map((f) => f[0].split?.[name] ?? 0)).toFixed(0)}/${median(r.map((f) => f[2].split?.[name] ?? 0)).toFixed(0)}`,
      )
      .join(', ');
    const objectives = new Set(r.flatMap((f) => f.map((x) => x.objective)));
    console.log(
      `${variant.label.padEnd(20)} ${cc.toFixed(0).padStart(8)} ${cw.toFixed(0).padStart(10)} ${wc.toFixed(0).padStart(9)} ${ww.toFixed(0).padStart(10)} ${(cc - wc).toFixed(0).padStart(14)}  ${[...objectives].join(' / ')}`,
    );
    console.log(`  per thread, cold/warm CPU ms (10 ms ticks): ${threadText}`);
  }
}
console.log(
  `\nload average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
