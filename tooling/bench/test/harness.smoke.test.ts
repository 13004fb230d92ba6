import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFromSources, workerEntryFromSources } from '@mixkit/test-utils/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridRowLabel, renderMarkdown } from '../src/harness/renderMarkdown.js';
import type { BenchReport } from '../src/harness/report.js';
import { runBench } from '../src/runBench.js';
import { SUITES } from '../src/suites/index.js';
import { loadWorkload } from '../src/workloads/workloadCache.js';
import { WORKLOADS } from '../src/workloads/workloadSpecs.js';

// One tiny case of every suite through the real harness code (1 round, no warm-up), so the
// harness cannot rot. Timings are never asserted; structure and agreement of results are.
let cacheDir: string;
let report: BenchReport;

beforeAll(async () => {
  // The worker rows run @mixkit/workers from its sources here: point it to a bundle of its
  // worker entry (a built harness uses the package's own).
  process.env.MIXKIT_WORKER_ENTRY = workerEntryFromSources().href;
  // The distributed rows' worker processes likewise (vitest's argv[1] is not the harness).
  process.env.MIXKIT_BENCH_WORKER_ENTRY = fileURLToPath(
    bundleFromSources('tooling/bench/src/harness/benchWorkerEntry.ts', 'benchWorker.mjs', {
      commonJs: true,
    }),
  );
  cacheDir = mkdtempSync(join(tmpdir(), 'mixkit-bench-'));
  report = await runBench({ size: 'tiny', memory: 'inline', cacheDir, rounds: 1, warmup: 0 });
  // Every suite starts Python and R workers; under CI's parallel turbo tasks on two cores that
  // alone took more than a minute.
}, 300_000);

afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('the benchmark harness on tiny workloads', () => {
  it('runs every suite and reports at least one case per suite', () => {
    expect(report.suites).toEqual(SUITES.map((s) => s.name));
    for (const suite of SUITES) {
      expect(report.cases.filter((c) => c.suite === suite.name).length).toBeGreaterThan(0);
    }
  });

  it('runs every JS contender successfully; only scikit-learn and R rows may be unavailable', () => {
    for (const c of report.cases) {
      for (const row of c.contenders) {
        if (row.library === 'scikit-learn' || row.library.startsWith('R '))
          expect(row.status, `${c.id} ${row.id}: ${row.reason ?? ''}`).not.toBe('failed');
        else expect(row.status, `${c.id} ${row.id}: ${row.reason ?? ''}`).toBe('ok');
      }
    }
  });

  it('gives every timed row finite positive times, finite wall and CPU ratios to mixkit and a throughput', () => {
    for (const c of report.cases) {
      const reference = c.contenders.find((r) => r.id === c.reference);
      expect(reference?.timeRatioToMixkit).toBe(1);
      for (const row of c.contenders.filter((r) => r.status === 'ok')) {
        const p = row.perIteration!;
        expect(p.min).toBeGreaterThan(0);
        expect(p.min).toBeLessThanOrEqual(p.median);
        expect(p.median).toBeLessThanOrEqual(p.max);
        expect(Number.isFinite(row.timeRatioToMixkit)).toBe(true);
        expect(row.cpuPerIteration).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(row.cpuRatioToMixkit)).toBe(true);
        expect(row.throughput!.value).toBeGreaterThan(0);
        // R's worker has no memory probe (its allocations are not traced); every other row has one.
        if (!row.library.startsWith('R ')) expect(row.memory!.peakBytes).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('has every contender of a case compute the same objective as mixkit', () => {
    for (const c of report.cases) {
      const reference = c.contenders.find((r) => r.id === c.reference)!;
      if (reference.objective === undefined) continue;
      for (const row of c.contenders.filter((r) => r.objective !== undefined && r.comparable)) {
        const scale = Math.max(1, Math.abs(reference.objective));
        expect(
          Math.abs(row.objective! - reference.objective) / scale,
          `${c.id} ${row.id}`,
        ).toBeLessThan(1e-6);
      }
    }
  });

  it('decides or explains every target, and renders one markdown table per case', () => {
    for (const c of report.cases)
      for (const t of c.targets) expect(t.detail.length).toBeGreaterThan(0);
    const markdown = renderMarkdown(report);
    for (const c of report.cases) {
      // The grid's cases are rows of one table per kind of fit.
      expect(markdown).toContain(c.suite === 'grid' ? `| ${gridRowLabel(c)} |` : `### ${c.title}`);
    }
    // Every grid shape also runs on 2 workers, in its own table under each kind's.
    for (const c of report.cases.filter((x) => x.suite === 'grid')) {
      expect(c.contenders.map((r) => r.id)).toContain('mixkit/workers-2');
    }
    expect(markdown).toContain("On 2 workers (target ≤ 0.8x scikit-learn's faster row");
    expect(markdown).toContain(report.machine.cpu);
    expect(markdown).toContain(report.machine.node);
  });
});

describe('the workload cache', () => {
  it('writes raw float64 rows plus a header, and reads back the identical bytes', () => {
    const spec = WORKLOADS['blobs-small'];
    const first = loadWorkload('blobs-small', 'tiny', cacheDir);
    const header = JSON.parse(
      readFileSync(first.header.dataFile.replace(/\.f64$/, '.json'), 'utf8'),
    );
    expect(header).toMatchObject({ rows: spec.rows.tiny, cols: spec.cols, dtype: 'float64' });
    const raw = readFileSync(first.header.dataFile);
    expect(raw.byteLength).toBe(spec.rows.tiny * spec.cols * 8);
    const again = loadWorkload('blobs-small', 'tiny', cacheDir);
    expect(
      Buffer.from(again.X.data.buffer, again.X.data.byteOffset, again.X.data.byteLength).equals(
        raw,
      ),
    ).toBe(true);
    expect(again.init.centers).toHaveLength(spec.k);
  });

  it('regenerates a cached workload written with another random generator', () => {
    const first = loadWorkload('gmm-medium', 'tiny', cacheDir);
    const headerFile = first.header.dataFile.replace(/\.f64$/, '.json');
    const header = JSON.parse(readFileSync(headerFile, 'utf8'));
    writeFileSync(headerFile, JSON.stringify({ ...header, randomFingerprint: 'stale' }));
    writeFileSync(first.header.dataFile, new Uint8Array(first.X.data.byteLength));
    const again = loadWorkload('gmm-medium', 'tiny', cacheDir);
    expect(JSON.parse(readFileSync(headerFile, 'utf8')).randomFingerprint).toBe(
      header.randomFingerprint,
    );
    expect(Array.from(again.X.data)).toEqual(Array.from(first.X.data));
  });
});
