// Where a streamed (out-of-core) EM iteration's time goes, and what overlapping the source's
// reads with the workers' passes (double buffering in `streamPass`) saves. For each source it
// times, in the same interleaved rounds:
//   read   one pass over the source alone (reading and parsing, no EM);
//   pass   an iteration of `fitMixtureStream` over the same chunks held in memory (passes only);
//   <tag>  an iteration of `fitMixtureStream` streaming from the source, once per em build given
//          (e.g. the build before the change and the current one), so their ratio is in-run.
// Per-iteration figures are medians of the gaps between onIteration calls (initialisation and
// the final scoring pass excluded). Sources: `csv`, a numeric CSV read with node:readline and
// Number() (what a user's ChunkSource might be), and `f64`, the same rows as raw doubles read with
// positioned reads into one reused buffer (the bench's out-of-core suite's source). Usage:
//   node tooling/bench/scripts/streamOverlap.mjs <file.csv> [k=8] [workers=2] [rounds=3]
//     [iterations=4] [chunkRows=8192] [diag|full] [tag=path/to/em/dist/index.js ...]
// A third source, `f64+<LATENCY_MS>ms` (default 20), waits that long before each chunk. `idle`
// rows are this thread's event-loop idle time per iteration (waiting on workers or I/O; time
// waiting for a core counts as busy), which the overlap shortens whatever the machine's load.
// With no tag the current build of @mixkit/em is used under the tag `now`.
import { createReadStream, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { createWorkerPool } from '@mixkit/workers';

const [file, ...rest] = process.argv.slice(2);
const [k = 8, workers = 2, rounds = 3, iterations = 4, chunkRows = 8192] = rest
  .slice(0, 5)
  .map(Number);
const familyName = rest[5] ?? 'full';
/** Milliseconds of latency per chunk of the `f64+…ms` source. */
const latency = Number(process.env.LATENCY_MS ?? 20);
const builds = rest.slice(6).map((arg) => arg.split('='));
if (builds.length === 0) builds.push(['now', '@mixkit/em']);
const ems = await Promise.all(builds.map(async ([tag, path]) => [tag, await import(path)]));

/** The CSV's rows as chunks of `chunkRows` rows (a new array per chunk). */
async function* csvChunks() {
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let d = 0;
  let chunk;
  let filled = 0;
  for await (const line of lines) {
    if (d === 0) {
      d = line.split(',').length;
      chunk = new Float64Array(chunkRows * d);
      continue;
    }
    let start = 0;
    for (let j = 0; j < d; j++) {
      const end = j === d - 1 ? line.length : line.indexOf(',', start);
      chunk[filled * d + j] = Number(line.slice(start, end));
      start = end + 1;
    }
    if (++filled === chunkRows) {
      yield { rows: filled, cols: d, data: chunk };
      chunk = new Float64Array(chunkRows * d);
      filled = 0;
    }
  }
  if (filled > 0) yield { rows: filled, cols: d, data: chunk.subarray(0, filled * d) };
}

/** Writes the CSV's rows as raw doubles once; returns their shape. */
async function writeF64(path) {
  const handle = await open(path, 'w');
  let rows = 0;
  let cols = 0;
  for await (const chunk of csvChunks()) {
    await handle.write(
      new Uint8Array(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength),
    );
    rows += chunk.rows;
    cols = chunk.cols;
  }
  await handle.close();
  return { rows, cols };
}

/** The raw doubles as chunks read into one reused buffer (the caller never keeps a chunk). */
async function* f64Chunks(path, { rows, cols }, buffer) {
  const bytes = new Uint8Array(buffer.buffer);
  const handle = await open(path, 'r');
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
        done += bytesRead;
      }
      yield { rows: count, cols, data: buffer.subarray(0, count * cols) };
    }
  } finally {
    await handle.close();
  }
}

/** Each chunk of `chunks` after `latency` ms of waiting (no CPU). */
async function* delayed(chunks) {
  for await (const chunk of chunks) {
    await sleep(latency);
    yield chunk;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function readPass(source) {
  const t = performance.now();
  for await (const _ of source()) {
  }
  return performance.now() - t;
}

/** Median ms between iterations of a streamed fit, and the fit's log-likelihood bits. */
async function fitIteration(em, source, executor) {
  const marks = [];
  const loops = [];
  const model = await em.fitMixtureStream(source, {
    family: familyName === 'diag' ? gaussianDiag() : gaussianFull(),
    nClusters: k,
    maxIterations: iterations,
    tolerance: 0,
    random: 1,
    init: 'random-from-data',
    onIteration: () => {
      marks.push(performance.now());
      loops.push(performance.eventLoopUtilization());
    },
    ...(executor === undefined ? {} : { executor }),
  });
  const gaps = marks.slice(1).map((m, i) => m - marks[i]);
  // This thread's idle time (waiting on workers or I/O, not for a core) per iteration.
  const idle = loops.slice(1).map((l, i) => l.idle - loops[i].idle);
  return {
    ms: median(gaps),
    idle: median(idle),
    ll: model.diagnostics.restartObjectives.join(' '),
  };
}

const pool = workers > 0 ? createWorkerPool({ workers, keepAlive: true }) : undefined;
await pool?.start();
const f64Path = `${file}.f64`;
const shape = await writeF64(f64Path);
const buffer = new Float64Array(chunkRows * shape.cols);
const sources = {
  csv: csvChunks,
  f64: () => f64Chunks(f64Path, shape, buffer),
  // The raw doubles behind a latency (as from object storage or a network file system).
  [`f64+${latency}ms`]: () => delayed(f64Chunks(f64Path, shape, buffer)),
};
const held = [];
for await (const chunk of csvChunks()) held.push(chunk);
const times = {};
const bits = {};
const add = (key, ms) => {
  times[key] ??= [];
  times[key].push(ms);
};
for (let round = 0; round < rounds; round++) {
  for (const [name, source] of Object.entries(sources)) {
    add(`${name} read`, await readPass(source));
    for (const [tag, em] of ems) {
      const fit = await fitIteration(em, source, pool);
      add(`${name} ${tag}`, fit.ms);
      add(`${name} ${tag} idle`, fit.idle);
      bits[`${name} ${tag}`] = fit.ll;
    }
  }
  const [, em] = ems[ems.length - 1];
  add('pass (chunks in memory)', (await fitIteration(em, () => held, pool)).ms);
}
pool?.destroy();
console.log(
  `${file}: ${shape.rows} x ${shape.cols}, k=${k} ${familyName}, ${workers} workers, chunks of ${chunkRows} rows, ${rounds} rounds; ms per iteration (median)`,
);
for (const [key, xs] of Object.entries(times)) {
  console.log(
    `${key.padEnd(26)} ${median(xs).toFixed(0).padStart(7)}   [${xs.map((x) => x.toFixed(0)).join(', ')}]`,
  );
}
// Paired within rounds: each build against the first one, per source.
for (const name of Object.keys(sources)) {
  const [first, ...others] = ems.map(([tag]) => times[`${name} ${tag}`]);
  for (const [i, [tag]] of ems.slice(1).entries()) {
    const ratios = others[i].map((x, r) => x / first[r]);
    console.log(
      `${`${name} ${tag}/${ems[0][0]}`.padEnd(26)} ${median(ratios).toFixed(2).padStart(7)}   [${ratios.map((x) => x.toFixed(2)).join(', ')}]`,
    );
  }
}
for (const [key, ll] of Object.entries(bits)) console.log(`${key.padEnd(26)} objective ${ll}`);
writeFileSync(`${file}.overlap.json`, JSON.stringify({ times, bits }, null, 2));
