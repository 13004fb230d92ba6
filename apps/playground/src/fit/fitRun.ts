import type { PlaygroundData } from '../data/playgroundData.js';
import type { EmSnapshot, FitOutcome, KMeansSnapshot } from './fitProtocol.js';

/** One fit of one state: its data, the streamed snapshots and, once finished, the outcome. */
export interface FitRun {
  readonly key: string;
  readonly data: PlaygroundData;
  /** Where the 1-D view's densities are evaluated (empty for the 2-D view). */
  readonly grid: Float64Array;
  readonly em: EmSnapshot[];
  readonly kmeans: KMeansSnapshot[];
  status: 'running' | 'done' | 'error';
  outcome?: FitOutcome;
  error?: string;
  readonly startedAt: number;
  /** When the first snapshot arrived: from here on the fit streams. */
  firstSnapshotAt?: number;
  finishedAt?: number;
}
