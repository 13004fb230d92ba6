import { measurePeakRss } from './measurePeakRss.js';
import { median, summarize } from './statistics.js';
import type {
  BenchCase,
  BenchContext,
  CaseResult,
  Contender,
  ContenderResult,
  MemorySample,
  RunSample,
} from './types.js';

/** Measures one JS contender's memory in a fresh process (see `probe.ts`). */
export type ChildProbe = (contender: Contender) => Promise<MemorySample | undefined>;

interface Progress {
  samples: RunSample[];
  error?: string;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function attempt(contender: Contender, progress: Progress): Promise<RunSample | undefined> {
  if (progress.error) return undefined;
  try {
    return await contender.run();
  } catch (error) {
    progress.error = describeError(error);
    return undefined;
  }
}

/**
 * Runs one case: every available contender is prepared, warmed up, then timed in interleaved
 * rounds (A B C, A B C, ...) so that a noisy neighbour slows all of them alike; then each one's
 * result is evaluated with the case's own objective and its peak memory measured in a separate,
 * untimed run. Failures become rows with status `failed`; they never stop the other contenders.
 */
export async function runCase(
  suite: string,
  benchCase: BenchCase,
  ctx: BenchContext,
  childProbe?: ChildProbe,
): Promise<CaseResult> {
  const contenders = benchCase.contenders;
  const progress = new Map<string, Progress>(contenders.map((c) => [c.id, { samples: [] }]));
  const active = contenders.filter((c) => c.unavailable === undefined);
  for (const c of active) {
    try {
      await c.prepare?.();
    } catch (error) {
      progress.get(c.id)!.error = `prepare: ${describeError(error)}`;
    }
  }
  const caseWarmup = Math.min(ctx.warmup, benchCase.warmup ?? ctx.warmup);
  const warmupOf = (c: Contender) => c.warmup ?? caseWarmup;
  const warmups = Math.max(0, ...active.map(warmupOf));
  for (let w = 0; w < warmups; w++) {
    for (const c of active) {
      if (w < warmupOf(c)) await attempt(c, progress.get(c.id)!);
    }
  }
  const rounds = Math.min(ctx.rounds, benchCase.rounds ?? ctx.rounds);
  for (let r = 0; r < rounds; r++) {
    for (const c of active) {
      if (r >= (c.rounds ?? rounds)) continue;
      const p = progress.get(c.id)!;
      const sample = await attempt(c, p);
      if (sample) p.samples.push(sample);
    }
    ctx.log(`  ${benchCase.id}: round ${r + 1}/${rounds} done`);
  }

  const rows: ContenderResult[] = [];
  for (const c of contenders) {
    const base = {
      id: c.id,
      library: c.library,
      variant: c.variant,
      threads: c.threads,
      comparable: c.comparable ?? true,
    };
    const p = progress.get(c.id)!;
    if (c.unavailable !== undefined) {
      rows.push({ ...base, status: 'unavailable', reason: c.unavailable, rounds: 0, warmup: 0 });
      continue;
    }
    if (p.error || p.samples.length === 0) {
      rows.push({
        ...base,
        status: 'failed',
        reason: p.error ?? 'no sample',
        rounds: 0,
        warmup: 0,
      });
      continue;
    }
    const perIteration = summarize(p.samples.map((s) => s.seconds / Math.max(1, s.iterations)));
    const cpu = p.samples.flatMap((s) =>
      s.cpuSeconds === undefined ? [] : [s.cpuSeconds / Math.max(1, s.iterations)],
    );
    const warm = p.samples.flatMap((s) => (s.warm === undefined ? [] : [s.warm]));
    const last = p.samples[p.samples.length - 1];
    let objective: number | undefined;
    try {
      objective = benchCase.evaluate?.(last.result);
    } catch (error) {
      ctx.log(`  ${c.id}: objective failed: ${describeError(error)}`);
    }
    const memory = await measureMemory(c, ctx, childProbe);
    const throughput =
      benchCase.flopsPerIteration !== undefined
        ? { value: benchCase.flopsPerIteration / perIteration.median / 1e9, unit: 'GFLOP/s' }
        : { value: benchCase.workload.rows / perIteration.median / 1e6, unit: 'M rows/s' };
    rows.push({
      ...base,
      status: 'ok',
      rounds: p.samples.length,
      warmup: warmupOf(c),
      perIteration,
      ...(cpu.length === p.samples.length ? { cpuPerIteration: median(cpu) } : {}),
      ...(warm.length === p.samples.length
        ? {
            warmPerIteration: median(warm.map((w) => w.seconds / Math.max(1, w.iterations))),
            warmCpuPerIteration: median(warm.map((w) => w.cpuSeconds / Math.max(1, w.iterations))),
          }
        : {}),
      iterationsPerRun: last.iterations,
      throughput,
      ...(objective === undefined ? {} : { objective }),
      ...(memory === undefined ? {} : { memory }),
      ...(last.details === undefined ? {} : { details: last.details }),
    });
  }
  for (const c of active) c.release?.();

  const reference = rows.find((r) => r.id === benchCase.reference && r.status === 'ok');
  const withRatios = rows.map((r) => {
    if (!reference?.perIteration || !r.perIteration) return r;
    const timeRatioToMixkit = r.perIteration.median / reference.perIteration.median;
    const cpuRatioToMixkit =
      reference.cpuPerIteration !== undefined && r.cpuPerIteration !== undefined
        ? r.cpuPerIteration / reference.cpuPerIteration
        : undefined;
    const warmRatioToMixkit =
      reference.warmPerIteration !== undefined && r.warmPerIteration !== undefined
        ? r.warmPerIteration / reference.warmPerIteration
        : undefined;
    return {
      ...r,
      timeRatioToMixkit,
      ...(cpuRatioToMixkit === undefined ? {} : { cpuRatioToMixkit }),
      ...(warmRatioToMixkit === undefined ? {} : { warmRatioToMixkit }),
    };
  });
  return {
    suite,
    id: benchCase.id,
    title: benchCase.title,
    workload: benchCase.workload,
    reference: benchCase.reference,
    ...(benchCase.objectiveLabel ? { objectiveLabel: benchCase.objectiveLabel } : {}),
    contenders: withRatios,
    targets: benchCase.targets?.(withRatios) ?? [],
    notes: benchCase.notes ?? [],
  };
}

async function measureMemory(
  contender: Contender,
  ctx: BenchContext,
  childProbe: ChildProbe | undefined,
): Promise<MemorySample | undefined> {
  if (ctx.memory === 'off' || contender.memory === false) return undefined;
  try {
    if (contender.measureMemory) return await contender.measureMemory();
    if (ctx.memory === 'child' && childProbe) return await childProbe(contender);
    return await measurePeakRss(() =>
      contender.memoryRun ? contender.memoryRun() : contender.run(),
    );
  } catch (error) {
    ctx.log(`  ${contender.id}: memory probe failed: ${describeError(error)}`);
    return undefined;
  }
}
