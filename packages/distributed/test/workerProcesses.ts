import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ShardWorkerOptions } from '../src/index.js';
import { bundle } from './bundle.js';

/** A line a worker process printed: a job event, or `ready`. */
export interface WorkerLine {
  readonly type: 'ready' | 'start' | 'done' | 'rejected';
  readonly pid: number;
  readonly id?: string;
  readonly job?: { fit: string; session: number; round: number; job: number };
  readonly error?: string;
  readonly permanent?: boolean;
}

/** A `mixkit worker`-like process started by a test. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: WorkerLine[];
  /** Resolves with the first line (from now or earlier) that `match` accepts. */
  waitFor(match: (line: WorkerLine) => boolean, timeoutMs?: number): Promise<WorkerLine>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

type Plain<T> = { -readonly [K in keyof T]: T[K] };
export type WorkerProcessOptions = Omit<Plain<ShardWorkerOptions>, 'onEvent' | 'families'>;

let entry: string | undefined;

/** Starts a worker process and waits until it serves. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  entry ??= bundle('fixtures/workerMain.ts');
  const child = spawn(process.execPath, [entry, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: WorkerLine[] = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text));
    } catch {
      return;
    }
    for (const listener of listeners) listener();
  });
  const waitFor = (match: (line: WorkerLine) => boolean, timeoutMs = 20_000) =>
    new Promise<WorkerLine>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found === undefined) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`worker ${child.pid}: no matching line within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor((line) => line.type === 'ready');
  return {
    child,
    lines,
    waitFor,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
