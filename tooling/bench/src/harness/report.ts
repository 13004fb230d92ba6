import type { MachineInfo } from './machine.js';
import type { PythonInfo } from './pythonPeer.js';
import type { RInfo } from './rPeer.js';
import type { CaseResult } from './types.js';

/** Everything one harness run measured; written to results/latest.json. */
export interface BenchReport {
  readonly schema: 'mixkit-bench/1';
  readonly size: string;
  readonly suites: readonly string[];
  readonly settings: { readonly rounds: number; readonly warmup: number; readonly memory: string };
  readonly machine: MachineInfo;
  readonly loadAverageAtEnd: readonly number[];
  readonly durationSeconds: number;
  /** scikit-learn worker facts (versions, BLAS kernel), or why it was unavailable. */
  readonly python: PythonInfo | { readonly unavailable: string };
  /** The R dbscan worker's versions (absent in reports written before it existed). */
  readonly r?: RInfo | { readonly unavailable: string };
  readonly cases: readonly CaseResult[];
}
