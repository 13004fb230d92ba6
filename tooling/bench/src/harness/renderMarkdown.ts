import type { BenchReport } from './report.js';
import type { CaseResult, ContenderResult } from './types.js';

/** A duration with 3 significant digits in s, ms or µs. */
export function formatSeconds(value: number): string {
  if (value >= 1) return `${value.toPrecision(3)} s`;
  if (value >= 1e-3) return `${(value * 1e3).toPrecision(3)} ms`;
  return `${(value * 1e6).toPrecision(3)} µs`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function objective(value: number | undefined): string {
  if (value === undefined) return '';
  return Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3
    ? value.toExponential(9)
    : value.toPrecision(10);
}

function row(r: ContenderResult): string {
  if (r.status !== 'ok' || !r.perIteration) {
    return `| ${r.library} | ${r.variant} | ${r.threads} | ${r.status}: ${r.reason ?? ''} | | | | | | | |`;
  }
  const p = r.perIteration;
  const ratio = r.timeRatioToMixkit === undefined ? '' : `${r.timeRatioToMixkit.toFixed(2)}`;
  const throughput = r.throughput
    ? `${r.throughput.value.toPrecision(3)} ${r.throughput.unit}`
    : '';
  const held = r.memory?.heldPeakBytes;
  const memory = r.memory
    ? `${mebibytes(r.memory.peakBytes)}${held === undefined ? '' : ` (held ${mebibytes(held)})`}`
    : '';
  const cpu = r.cpuPerIteration === undefined ? '' : formatSeconds(r.cpuPerIteration);
  const cpuRatio = r.cpuRatioToMixkit === undefined ? '' : r.cpuRatioToMixkit.toFixed(2);
  return `| ${r.library} | ${r.variant} | ${r.threads} | ${formatSeconds(p.median)} (${formatSeconds(p.min)}–${formatSeconds(p.max)}) | ${r.rounds}×${r.iterationsPerRun} | ${throughput} | ${ratio} | ${cpu} | ${cpuRatio} | ${objective(r.objective)}${r.comparable || r.objective === undefined ? '' : ' †'} | ${memory} |`;
}

function renderCase(c: CaseResult): string {
  const lines = [
    `### ${c.title}`,
    '',
    `Workload \`${c.workload.name}\` (${c.workload.rows} x ${c.workload.cols}${c.workload.k ? `, k=${c.workload.k}` : ''}); ratios relative to \`${c.reference}\`.`,
    '',
    `| library | variant | threads | time per iteration: median (min–max) | rounds×iterations | throughput | time ÷ mixkit | CPU time per iteration | CPU ÷ mixkit | ${c.objectiveLabel ?? 'objective'} | peak memory |`,
    '|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    ...c.contenders.map(row),
  ];
  if (c.targets.length > 0) {
    lines.push(
      '',
      ...c.targets.map(
        (t) =>
          `- ${t.met === null ? 'UNDECIDED' : t.met ? 'MET' : 'MISSED'}: ${t.description} (${t.detail})`,
      ),
    );
  }
  if (c.contenders.some((r) => !r.comparable)) {
    lines.push(
      '',
      '- †: not expected to match the reference row’s objective (another algorithm for a step, or another model; see the notes)',
    );
  }
  if (c.notes.length > 0) lines.push('', ...c.notes.map((n) => `- note: ${n}`));
  return lines.join('\n');
}

/** The markdown report: machine description, one table per case, targets met or missed. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const python =
    'unavailable' in report.python
      ? `scikit-learn rows unavailable: ${report.python.unavailable}`
      : `Python ${report.python.python}, numpy ${report.python.numpy}, scikit-learn ${report.python.sklearn}; ${describePools(report.python.threadpools)}; child environment: ${Object.entries(
          report.python.environment,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`;
  const memoryMethods = new Set<string>();
  for (const c of report.cases)
    for (const r of c.contenders)
      if (r.memory)
        memoryMethods.add(`${r.library === 'scikit-learn' ? 'Python' : 'JS'}: ${r.memory.method}`);
  const header = [
    `# mixkit benchmark (${report.size})`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.platform}; Node ${m.node} (V8 ${m.v8})`,
    `- Date: ${m.date}; run took ${report.durationSeconds.toFixed(0)} s`,
    `- Load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' / ')}, at end ${report.loadAverageAtEnd.join(' / ')} (the machine is shared)`,
    `- Method: contenders interleaved (A B A B ...) on the same data and the same initial parameters, ${report.settings.warmup} warm-up run(s) then ${report.settings.rounds} timed round(s) unless a row says fewer; median, min and max of time per iteration; ratios are medians ÷ the mixkit reference row's median (above 1: mixkit is faster); CPU time (process user+system, all threads) is shown beside wall time because it is much less inflated by other load on a shared machine; targets are judged on wall time`,
    `- ${python}`,
    ...(report.r === undefined
      ? []
      : [
          'unavailable' in report.r
            ? `- R dbscan rows unavailable: ${report.r.unavailable}`
            : `- ${report.r.r}, dbscan ${report.r.dbscan} (single-threaded)`,
        ]),
    ...[...memoryMethods].map((x) => `- Peak memory, ${x}`),
    '',
  ];
  const grid = report.cases.filter((c) => c.suite === 'grid');
  const others = report.cases.filter((c) => c.suite !== 'grid');
  const sections = others.map(renderCase);
  if (grid.length > 0) sections.push(renderGrid(grid));
  return `${header.join('\n')}\n${renderTargets(report)}${sections.join('\n\n')}\n`;
}

/** A grid case's row label in `renderGrid`'s tables, e.g. `500,000 x 64, k=32`. */
export function gridRowLabel(c: CaseResult): string {
  return `${c.workload.rows.toLocaleString('en-US')} x ${c.workload.cols}, k=${c.workload.k}`;
}

/** A ratio with its CPU-time twin: `0.83 (CPU 0.80)`. */
function ratioPair(wall: number | undefined, cpu: number | undefined): string {
  if (wall === undefined) return '';
  return cpu === undefined ? wall.toFixed(2) : `${wall.toFixed(2)} (CPU ${cpu.toFixed(2)})`;
}

/**
 * The grid suite as one table per kind of fit: per shape, the fresh whole fit and the warm time
 * per iteration of mixkit and scikit-learn, their ratios and the target.
 */
export function renderGrid(cases: readonly CaseResult[]): string {
  const kinds: [string, string, number][] = [
    ['kmeans', 'k-means (mixkit auto against scikit-learn Lloyd, 1 thread)', 1],
    ['gmm-full', 'Gaussian mixture, full covariances (1 thread)', 0.5],
    ['gmm-diag', 'Gaussian mixture, diagonal covariances (1 thread)', 0.5],
  ];
  const lines = [
    '### Grid: whole fits in fresh processes, overlapping clusters of unequal sizes and spreads',
    '',
    'Each round runs every contender in a fresh process (interleaved: mixkit, mixkit on 2 workers, scikit-learn, and for k-means scikit-learn on 2 threads), which times one whole fit (input check, placement, every iteration, final scoring; reading the data file untimed), then the same fit again warm. Ratios are mixkit ÷ scikit-learn medians (below 1: mixkit is faster), with the CPU-time ratio in parentheses. Peak memory: the peak RSS of the fresh process during its fits, above its RSS once the data was read.',
  ];
  for (const [kind, title, limit] of kinds) {
    const rows = cases.filter((c) => c.id.startsWith(`grid/${kind}-`));
    if (rows.length === 0) continue;
    lines.push(
      '',
      `#### ${title}: target ≤ ${limit}x`,
      '',
      '| n x d, k | iterations | mixkit fresh fit | scikit-learn fresh fit | ratio | mixkit warm / iteration | scikit-learn warm / iteration | ratio | peak memory, mixkit / scikit-learn | outcome |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const c of rows) {
      const m = c.contenders.find((r) => r.id === 'mixkit');
      const s = c.contenders.find((r) => r.id === 'scikit-learn');
      const fresh = (r: ContenderResult | undefined) =>
        r?.perIteration ? formatSeconds(r.perIteration.median) : (r?.status ?? '');
      const warm = (r: ContenderResult | undefined) =>
        r?.warmPerIteration === undefined ? '' : formatSeconds(r.warmPerIteration);
      const freshRatio =
        m?.perIteration && s?.perIteration
          ? m.perIteration.median / s.perIteration.median
          : undefined;
      const cpuRatio =
        m?.cpuPerIteration !== undefined && s?.cpuPerIteration
          ? m.cpuPerIteration / s.cpuPerIteration
          : undefined;
      const warmRatio =
        m?.warmPerIteration !== undefined && s?.warmPerIteration
          ? m.warmPerIteration / s.warmPerIteration
          : undefined;
      const warmCpuRatio =
        m?.warmCpuPerIteration !== undefined && s?.warmCpuPerIteration
          ? m.warmCpuPerIteration / s.warmCpuPerIteration
          : undefined;
      const peak = (r: ContenderResult | undefined) =>
        r?.memory === undefined ? '' : mebibytes(r.memory.peakBytes);
      const oneThread = c.targets.filter((t) => !t.description.startsWith(ON_WORKERS));
      const missed = oneThread.filter((t) => t.met === false).map((t) => t.description);
      const undecided = oneThread.some((t) => t.met === null);
      const outcome =
        missed.length > 0
          ? `missed: ${missed.map((d) => (d.includes('fresh') ? 'fresh' : d.includes('warm') ? 'warm' : 'objective')).join(', ')}`
          : undecided
            ? 'undecided'
            : 'met';
      const iterations = m?.details?.iterations ?? '';
      lines.push(
        `| ${gridRowLabel(c)} | ${iterations} | ${fresh(m)} | ${fresh(s)} | ${ratioPair(freshRatio, cpuRatio)} | ${warm(m)} | ${warm(s)} | ${ratioPair(warmRatio, warmCpuRatio)} | ${peak(m)} / ${peak(s)} | ${outcome} |`,
      );
    }
    lines.push(...renderGridWorkers(rows, kind === 'kmeans' ? 0.8 : 0.25));
  }
  return lines.join('\n');
}

/** How the grid's 2-worker targets begin (`gridSuite`'s `workerTargets`). */
const ON_WORKERS = 'mixkit on 2 workers';

/**
 * The grid's shapes on 2 workers (issue 17's targets, applied by issue 23): mixkit's fit on a
 * pool of 2 worker threads against scikit-learn's faster row (1 or 2 threads), and the speed-up
 * over mixkit's own single thread, fresh and warm.
 */
function renderGridWorkers(cases: readonly CaseResult[], limit: number): string[] {
  const rows = cases.filter((c) => c.contenders.some((r) => r.id === 'mixkit/workers-2'));
  if (rows.length === 0) return [];
  const lines = [
    '',
    `On 2 workers (target ≤ ${limit}x scikit-learn's faster row; speed-up = mixkit's single thread ÷ its 2 workers):`,
    '',
    '| n x d, k | 2 workers fresh fit | speed-up | scikit-learn best fresh | ratio | 2 workers warm / iteration | speed-up | scikit-learn best warm | ratio | outcome |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const c of rows) {
    const ok = (id: string) => c.contenders.find((r) => r.id === id && r.status === 'ok');
    const one = ok('mixkit');
    const two = ok('mixkit/workers-2');
    const peers = [ok('scikit-learn'), ok('scikit-learn/threads-2')].filter(
      (r): r is ContenderResult => r !== undefined,
    );
    const best = (pick: (r: ContenderResult) => number | undefined) => {
      const found = peers
        .map((r) => ({ r, t: pick(r) }))
        .filter((x): x is { r: ContenderResult; t: number } => x.t !== undefined)
        .sort((a, b) => a.t - b.t)[0];
      return found === undefined ? undefined : { t: found.t, threads: found.r.threads };
    };
    const cells = (pick: (r: ContenderResult) => number | undefined) => {
      const mine = two === undefined ? undefined : pick(two);
      const single = one === undefined ? undefined : pick(one);
      const peer = best(pick);
      return [
        mine === undefined ? (two?.status ?? '') : formatSeconds(mine),
        mine !== undefined && single !== undefined ? `${(single / mine).toFixed(2)}x` : '',
        peer === undefined
          ? ''
          : `${formatSeconds(peer.t)} (${peer.threads} thread${peer.threads > 1 ? 's' : ''})`,
        mine !== undefined && peer !== undefined ? (mine / peer.t).toFixed(2) : '',
      ];
    };
    const judged = c.targets.filter((t) => t.description.startsWith(ON_WORKERS));
    const missed = judged.filter((t) => t.met === false);
    const outcome = judged.some((t) => t.met === null)
      ? 'undecided'
      : missed.length === 0
        ? 'met'
        : `missed: ${missed.map((t) => (t.description.includes('warm') ? 'warm' : 'fresh')).join(', ')}`;
    lines.push(
      `| ${gridRowLabel(c)} | ${[...cells((r) => r.perIteration?.median), ...cells((r) => r.warmPerIteration)].join(' | ')} | ${outcome} |`,
    );
  }
  return lines;
}

/** One line per target of every case: the headline of the report. */
function renderTargets(report: BenchReport): string {
  const lines = report.cases.flatMap((c) =>
    c.targets.map(
      (t) =>
        `| ${c.id} | ${t.description} | ${t.met === null ? 'undecided' : t.met ? 'met' : 'missed'} | ${t.detail} |`,
    ),
  );
  if (lines.length === 0) return '';
  return `## Targets\n\n| case | target | outcome | measured |\n|---|---|---|---|\n${lines.join('\n')}\n\n## Cases\n\n`;
}

function describePools(pools: unknown): string {
  if (!Array.isArray(pools)) return 'threadpoolctl unavailable';
  return pools
    .map((p: Record<string, unknown>) =>
      [
        p.internal_api,
        p.version,
        p.architecture ? `kernel ${p.architecture}` : undefined,
        p.threading_layer,
      ]
        .filter((x) => x !== undefined && x !== null)
        .join(' '),
    )
    .join('; ');
}
