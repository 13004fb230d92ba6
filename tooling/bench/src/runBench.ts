import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { currentLoad, machineInfo } from './harness/machine.js';
import { measurePeakRss } from './harness/measurePeakRss.js';
import { PythonPeer } from './harness/pythonPeer.js';
import { formatSeconds } from './harness/renderMarkdown.js';
import type { BenchReport } from './harness/report.js';
import { RPeer } from './harness/rPeer.js';
import { type ChildProbe, runCase } from './harness/runCase.js';
import type { BenchContext, CaseResult, MemorySample, RunSample } from './harness/types.js';
import { findSuite, SUITES } from './suites/index.js';
import type { BenchSize } from './workloads/workloadSpecs.js';

/** What `runBench` needs; the CLI fills it from its arguments. */
export interface BenchOptions {
  readonly suites?: readonly string[];
  readonly size: BenchSize;
  readonly rounds?: number;
  readonly warmup?: number;
  readonly memory: BenchContext['memory'];
  readonly cacheDir: string;
  /** Start the scikit-learn worker (default true); false marks its rows unavailable. */
  readonly python?: boolean;
  /** Start the R dbscan worker (default true); false marks its rows unavailable. */
  readonly r?: boolean;
  /** Only these case ids (all of the chosen suites' cases by default). */
  readonly cases?: readonly string[];
  readonly log?: (line: string) => void;
}

/** Default timed rounds per size; the heaviest cases lower theirs (see their rows). */
const DEFAULT_ROUNDS: Record<BenchSize, number> = { tiny: 1, small: 2, full: 5 };

/**
 * Measures one JS contender's peak memory in a fresh `node --expose-gc` process running this
 * same bundle in probe mode, so nothing allocated by earlier cases hides or inflates its peak.
 */
function probeOnce(
  cliPath: string,
  options: BenchOptions,
  caseId: string,
  contenderId: string,
  v8Flags: readonly string[],
): Promise<MemorySample> {
  return new Promise<MemorySample>((resolve, reject) => {
    const args = ['--expose-gc', ...v8Flags, cliPath, '--probe', caseId];
    args.push('--contender', contenderId, '--size', options.size, '--cache', options.cacheDir);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('PROBE '));
      if (code !== 0 || !line) return reject(new Error(`memory probe exited with ${code}`));
      resolve(JSON.parse(line.slice('PROBE '.length)) as MemorySample);
    });
  });
}

/**
 * Measures one JS contender's peak memory in fresh `node --expose-gc` processes running this
 * same bundle in probe mode, so nothing allocated by earlier cases hides or inflates its peak:
 * once with default V8 settings (what a user's process shows) and once with a 1 MiB young
 * generation (what the call holds, without the runtime's garbage slack).
 */
function childProbe(cliPath: string, options: BenchOptions, caseId: string): ChildProbe {
  return async (contender) => {
    const plain = await probeOnce(cliPath, options, caseId, contender.id, []);
    const held = await probeOnce(cliPath, options, caseId, contender.id, [
      '--max-semi-space-size=1',
    ]);
    return {
      ...plain,
      heldPeakBytes: held.peakBytes,
      method: `${plain.method}, in a fresh process; "held": the same with --max-semi-space-size=1`,
    };
  };
}

/** Runs the chosen suites and returns the report (the CLI writes it to disk). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const machine = machineInfo();
  const suites = (options.suites ?? SUITES.map((s) => s.name)).map(findSuite);
  const python =
    options.python === false ? 'not requested (--no-python)' : await PythonPeer.start();
  const r = options.r === false ? 'not requested (--no-r)' : await RPeer.start();
  const ctx: BenchContext = {
    size: options.size,
    cacheDir: options.cacheDir,
    rounds: options.rounds ?? DEFAULT_ROUNDS[options.size],
    warmup: options.warmup ?? (options.size === 'tiny' ? 0 : 1),
    memory: options.memory,
    python,
    r,
    log,
  };
  const cliPath = fileURLToPath(new URL('./cli.js', import.meta.url));
  const cases: CaseResult[] = [];
  try {
    for (const suite of suites) {
      for (const id of suite.caseIds(ctx)) {
        if (options.cases && !options.cases.includes(id)) continue;
        log(`${id}: preparing`);
        const benchCase = await suite.buildCase(id, ctx);
        const probe = ctx.memory === 'child' ? childProbe(cliPath, options, id) : undefined;
        const result = await runCase(suite.name, benchCase, ctx, probe);
        cases.push(result);
        log(summaryLine(result));
      }
    }
  } finally {
    if (typeof python !== 'string') await python.close();
    if (typeof r !== 'string') await r.close();
  }
  return {
    schema: 'mixkit-bench/1',
    size: options.size,
    suites: suites.map((s) => s.name),
    settings: { rounds: ctx.rounds, warmup: ctx.warmup, memory: ctx.memory },
    machine,
    loadAverageAtEnd: currentLoad(),
    durationSeconds: (performance.now() - started) / 1000,
    python: typeof python === 'string' ? { unavailable: python } : python.info,
    r: typeof r === 'string' ? { unavailable: r } : r.info,
    cases,
  };
}

function summaryLine(result: CaseResult): string {
  const parts = result.contenders.map((r) => {
    if (r.status !== 'ok') return `${r.id}: ${r.status}`;
    const ratio = r.timeRatioToMixkit === undefined ? '' : ` (${r.timeRatioToMixkit.toFixed(2)}x)`;
    return `${r.id} ${formatSeconds(r.perIteration!.median)}/it${ratio}`;
  });
  return `${result.id}: ${parts.join(', ')}`;
}

/** Probe mode: one contender, one run, peak RSS; prints `PROBE {json}` for the parent. */
export async function runProbe(
  caseId: string,
  contenderId: string,
  size: BenchSize,
  cacheDir: string,
): Promise<MemorySample> {
  const suite = findSuite(caseId.split('/')[0]);
  const ctx: BenchContext = {
    size,
    cacheDir,
    rounds: 1,
    warmup: 0,
    memory: 'off',
    python: 'not used by the memory probe',
    r: 'not used by the memory probe',
    log: () => {},
  };
  const benchCase = await suite.buildCase(caseId, ctx);
  const contender = benchCase.contenders.find((c) => c.id === contenderId);
  if (!contender) throw new Error(`no contender ${contenderId} in ${caseId}`);
  await contender.prepare?.();
  return measurePeakRss(() => (contender.memoryRun ? contender.memoryRun() : contender.run()));
}

/**
 * Child-run mode (`--run-child`): builds the case with `inChild`, runs one contender once and
 * returns its sample (the CLI prints `RUN {json}` for `runInChild` in the parent).
 */
export async function runChild(
  caseId: string,
  contenderId: string,
  size: BenchSize,
  cacheDir: string,
): Promise<RunSample> {
  const suite = findSuite(caseId.split('/')[0]);
  const ctx: BenchContext = {
    size,
    cacheDir,
    rounds: 1,
    warmup: 0,
    memory: 'off',
    python: 'not used in a child run',
    r: 'not used in a child run',
    inChild: true,
    log: () => {},
  };
  const benchCase = await suite.buildCase(caseId, ctx);
  const contender = benchCase.contenders.find((c) => c.id === contenderId);
  if (!contender) throw new Error(`no contender ${contenderId} in ${caseId}`);
  await contender.prepare?.();
  const sample = await contender.run();
  return { ...sample, result: undefined };
}
