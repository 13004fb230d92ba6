import type { BenchSize } from '../workloads/workloadSpecs.js';
import type { PythonPeer } from './pythonPeer.js';
import type { RPeer } from './rPeer.js';

/** One timed run of a contender. Only `seconds` is timed; the rest describes the run. */
export interface RunSample {
  /** Wall time of the timed region (the fit or kernel call only, never data conversion). */
  readonly seconds: number;
  /** CPU time of the same region (JS: process.cpuUsage; Python: time.process_time). */
  readonly cpuSeconds?: number;
  /** Iterations done in that region (1 for one kernel call); per-iteration time divides by it. */
  readonly iterations: number;
  /** The fitted result, handed to the case's `evaluate` once (untimed). */
  readonly result?: unknown;
  /** Library-reported facts worth keeping (e.g. scikit-learn's lower_bound_, distance counts). */
  readonly details?: Readonly<Record<string, number | string | boolean>>;
  /**
   * A second, warm fit in the same process after a timed fresh one (the grid suite): its wall
   * and CPU seconds and iterations, reported per iteration beside the fresh whole fit.
   */
  readonly warm?: {
    readonly seconds: number;
    readonly cpuSeconds: number;
    readonly iterations: number;
  };
}

/** How a contender's peak memory was measured. */
export interface MemorySample {
  readonly peakBytes: number;
  readonly method: string;
  /**
   * JS only: the same probe with V8's young generation capped at 1 MiB
   * (--max-semi-space-size=1), so short-lived garbage is collected at once and the peak shows
   * what the call itself holds (its buffers), not how lazily the runtime collects.
   */
  readonly heldPeakBytes?: number;
}

/** One library (or one configuration of it) in a benchmark case. */
export interface Contender {
  /** Unique within the case, e.g. `mixkit/hamerly` or `scikit-learn/lloyd/2t`. */
  readonly id: string;
  readonly library: string;
  readonly variant: string;
  readonly threads: number;
  /** When set, the contender is reported as unavailable with this reason and never run. */
  readonly unavailable?: string;
  /**
   * False when this contender's objective is not expected to match mixkit's even when both are
   * right (a different algorithm, e.g. other empty-cluster handling); the smoke test then skips it.
   */
  readonly comparable?: boolean;
  /** Fewer timed rounds for a peer too slow to repeat (the row says so). */
  readonly rounds?: number;
  /** Warm-up runs for this contender (default: the case's, else the context's). */
  readonly warmup?: number;
  /** False skips the memory run (a peer whose single run takes minutes); the row says so. */
  readonly memory?: boolean;
  /** Untimed input preparation, e.g. converting to `number[][]` for ml-kmeans. */
  prepare?(): void | Promise<void>;
  run(): RunSample | Promise<RunSample>;
  /**
   * The run whose peak memory is measured, when `run` also does untimed work beside the fit it
   * times (e.g. the fixed-cost case's extra 0-iteration fit); default `run`.
   */
  memoryRun?(): RunSample | Promise<RunSample>;
  /** Peak memory of one run, measured its own way (Python: tracemalloc). Default: RSS sampling. */
  measureMemory?(): Promise<MemorySample | undefined>;
  /** Drops prepared inputs once the case is done. */
  release?(): void;
}

/** A pass/fail line against one of the performance targets. */
export interface TargetCheck {
  readonly description: string;
  /** `null` when it could not be decided (e.g. the peer was unavailable). */
  readonly met: boolean | null;
  readonly detail: string;
}

/** What one contender did in one case. */
export interface ContenderResult {
  readonly id: string;
  readonly library: string;
  readonly variant: string;
  readonly threads: number;
  /** See `Contender.comparable`. */
  readonly comparable: boolean;
  readonly status: 'ok' | 'unavailable' | 'failed';
  readonly reason?: string;
  readonly rounds: number;
  readonly warmup: number;
  /** Seconds per iteration over the timed rounds. */
  readonly perIteration?: { readonly median: number; readonly min: number; readonly max: number };
  /** CPU seconds per iteration (median over rounds); for a multi-threaded row, summed over threads. */
  readonly cpuPerIteration?: number;
  readonly iterationsPerRun?: number;
  /** Rows processed per second per iteration (median), or GFLOP/s for kernels. */
  readonly throughput?: { readonly value: number; readonly unit: string };
  /** The case's independent objective of this contender's result (same formula for all rows). */
  readonly objective?: number;
  readonly memory?: MemorySample;
  /** This row's median per-iteration time divided by the case's mixkit reference row's. */
  readonly timeRatioToMixkit?: number;
  /** The same ratio on CPU time (less sensitive to other load on a shared machine). */
  readonly cpuRatioToMixkit?: number;
  /** Median over rounds of the warm fit's seconds per iteration (rows whose runs report `warm`). */
  readonly warmPerIteration?: number;
  /** The same in CPU seconds. */
  readonly warmCpuPerIteration?: number;
  /** `warmPerIteration` over the mixkit reference row's. */
  readonly warmRatioToMixkit?: number;
  readonly details?: Readonly<Record<string, number | string | boolean>>;
}

/** The outcome of one benchmark case: every contender side by side on the same data. */
export interface CaseResult {
  readonly suite: string;
  readonly id: string;
  readonly title: string;
  readonly workload: {
    readonly name: string;
    readonly rows: number;
    readonly cols: number;
    readonly k?: number;
  };
  /** The id of the mixkit row every ratio is relative to. */
  readonly reference: string;
  /** What the objective column means, e.g. "inertia of the final centers". */
  readonly objectiveLabel?: string;
  readonly contenders: readonly ContenderResult[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
}

/** Settings of one harness run. */
export interface BenchContext {
  readonly size: BenchSize;
  readonly cacheDir: string;
  /** Timed rounds per contender (after warm-up); suites may lower it per contender. */
  readonly rounds: number;
  readonly warmup: number;
  /** `child`: a fresh node process per JS contender; `inline`: in this process; `off`: none. */
  readonly memory: 'child' | 'inline' | 'off';
  /** The scikit-learn worker, or why it is unavailable (its rows then say so). */
  readonly python: PythonPeer | string;
  /** The R dbscan worker, or why it is unavailable (its rows then say so). */
  readonly r: RPeer | string;
  /**
   * True inside a `--run-child` process: a suite then builds the in-process version of a
   * contender that the parent runs in a child (`runInChild`).
   */
  readonly inChild?: boolean;
  readonly log: (line: string) => void;
}

/** A case as a suite declares it; `build` loads data and makes the contenders (lazily). */
export interface BenchCase {
  readonly id: string;
  readonly title: string;
  readonly objectiveLabel?: string;
  readonly reference: string;
  /** Nominal floating-point operations per iteration, for GFLOP/s (kernels only). */
  readonly flopsPerIteration?: number;
  readonly workload: CaseResult['workload'];
  readonly contenders: readonly Contender[];
  /** Timed rounds for this case when it must be fewer than the run's (very long cases). */
  readonly rounds?: number;
  /** Warm-up runs for this case when they must be fewer than the run's (very long cases). */
  readonly warmup?: number;
  /** The independent objective of a contender's result (untimed, once per contender). */
  evaluate?(result: unknown): number | undefined;
  targets?(rows: readonly ContenderResult[]): TargetCheck[];
  readonly notes?: readonly string[];
}

/** A named group of cases (`--suite <name>`). */
export interface Suite {
  readonly name: string;
  readonly description: string;
  /** Cases are built one at a time so that only one workload is in memory. */
  caseIds(ctx: BenchContext): string[];
  buildCase(id: string, ctx: BenchContext): Promise<BenchCase>;
}
