#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type FreshJob, runFreshFit } from './grid/freshFit.js';
import { benchRoot } from './harness/benchRoot.js';
import { serveBenchWorker } from './harness/distributedCluster.js';
import { formatJsonWithBiome } from './harness/formatJson.js';
import { renderMarkdown } from './harness/renderMarkdown.js';
import { updateReadme } from './harness/updateReadme.js';
import { runBench, runChild, runProbe } from './runBench.js';
import { SUITES } from './suites/index.js';
import { defaultCacheDir, loadWorkload } from './workloads/workloadCache.js';
import { type BenchSize, WORKLOADS, type WorkloadName } from './workloads/workloadSpecs.js';

const USAGE = `mixkit benchmark harness

  npm run bench -- [options]        (or: pnpm bench -- [options], node tooling/bench/dist/cli.js [options])

  --suite <name>     run one suite (repeatable): ${SUITES.map((s) => s.name).join(', ')}; default: all
  --case <id>        run only this case (repeatable), e.g. kmeans/kmeans-large
  --size <size>      small (default; under a minute) or full (what the README reports)
  --rounds <n>       timed rounds per contender after warm-up (default small 2, full 5)
  --warmup <n>       warm-up runs per contender (default 1)
  --memory <mode>    child (default: fresh node process per JS contender), inline or off
  --no-python        skip scikit-learn (its rows say so)
  --no-r             skip R's dbscan package (its rows say so)
  --generate-only    only write the workload cache for --size (tooling/bench/.cache)
  --out <dir>        where latest.{json,md} go (default tooling/bench/results)
  --help

Full runs write results/latest.{json,md}; other sizes write results/latest-<size>.{json,md}.`;

function parse(argv: string[]) {
  // pnpm forwards the separator of `pnpm bench -- --suite x` to the script; ignore it.
  const args = argv.filter((a) => a !== '--');
  return parseArgs({
    args,
    options: {
      suite: { type: 'string', multiple: true },
      case: { type: 'string', multiple: true },
      size: { type: 'string', default: 'small' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      memory: { type: 'string', default: 'child' },
      'no-python': { type: 'boolean', default: false },
      'no-r': { type: 'boolean', default: false },
      'run-child': { type: 'string' },
      'generate-only': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
      probe: { type: 'string' },
      fresh: { type: 'string' },
      contender: { type: 'string' },
      cache: { type: 'string' },
      'distributed-worker': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.fresh !== undefined) {
    // A grid contender's whole fit in this fresh process (see suites/gridSuite.ts).
    const outcome = await runFreshFit(JSON.parse(options.fresh) as FreshJob);
    console.log(`FRESH ${JSON.stringify(outcome)}`);
    return;
  }
  const size = options.size as BenchSize;
  if (!['tiny', 'small', 'full'].includes(size)) throw new Error('--size expects small or full');
  const cacheDir = options.cache ?? defaultCacheDir();
  if (options['distributed-worker'] !== undefined) {
    await serveBenchWorker(options['distributed-worker']);
    return;
  }
  if (options.probe) {
    if (!options.contender) throw new Error('--probe needs --contender');
    const sample = await runProbe(options.probe, options.contender, size, cacheDir);
    console.log(`PROBE ${JSON.stringify(sample)}`);
    return;
  }
  if (options['run-child']) {
    if (!options.contender) throw new Error('--run-child needs --contender');
    const sample = await runChild(options['run-child'], options.contender, size, cacheDir);
    console.log(`RUN ${JSON.stringify(sample)}`);
    return;
  }
  if (options['generate-only']) {
    for (const name of Object.keys(WORKLOADS) as WorkloadName[]) {
      const { header } = loadWorkload(name, size, cacheDir, (line) => console.log(line));
      console.log(`${name}: ${header.rows} x ${header.cols} in ${header.dataFile}`);
    }
    return;
  }
  const memory = options.memory as 'child' | 'inline' | 'off';
  if (!['child', 'inline', 'off'].includes(memory))
    throw new Error('--memory expects child, inline or off');
  const suites = options.suite?.flatMap((s) => s.split(','));
  const report = await runBench({
    ...(suites ? { suites } : {}),
    ...(options.case ? { cases: options.case } : {}),
    size,
    rounds: positiveInteger(options.rounds, 'rounds'),
    warmup: positiveInteger(options.warmup, 'warmup'),
    memory,
    cacheDir,
    python: !options['no-python'],
    r: !options['no-r'],
    log: (line) => console.log(line),
  });
  const outDir = options.out ?? join(benchRoot(), 'results');
  mkdirSync(outDir, { recursive: true });
  const stem = size === 'full' ? 'latest' : `latest-${size}`;
  const markdown = renderMarkdown(report);
  writeFileSync(join(outDir, `${stem}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, `${stem}.md`), markdown);
  const unformatted = formatJsonWithBiome([join(outDir, `${stem}.json`)]);
  if (unformatted) console.log(unformatted);
  console.log(`\n${markdown}`);
  console.log(`wrote ${join(outDir, `${stem}.json`)} and ${stem}.md`);
  // A full run with every suite and the default output is what the README reports.
  if (size === 'full' && !suites && !options.case && !options.out) {
    const readme = join(benchRoot(), 'README.md');
    if (updateReadme(readme, markdown)) console.log(`updated the Performance section of ${readme}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
