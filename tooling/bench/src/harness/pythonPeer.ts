import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchRoot } from './benchRoot.js';

/** What the Python worker says about itself (`{"op": "info"}`). */
export interface PythonInfo {
  readonly python: string;
  readonly numpy: string;
  readonly sklearn: string;
  readonly threadpoolctl: boolean;
  readonly threadpools: unknown;
  /** The environment changes the harness made for the child (the rest is inherited). */
  readonly environment: Readonly<Record<string, string>>;
}

type Answer = Record<string, unknown> & { ok: boolean; error?: string };

/** The interpreter the issue names: Debian's, where python3-sklearn is installed. */
export const PYTHON = process.env.MIXKIT_BENCH_PYTHON ?? '/usr/bin/python3';

/**
 * The child's environment: single-threaded BLAS/OpenMP by default (threadpoolctl raises OpenMP
 * per job for the 2-thread k-means rows), and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed. Those
 * two are set on some processors of this workplace for old OpenBLAS builds and slow a current
 * numpy; they are removed for the benchmark child only, and the kernel that then runs is recorded.
 */
export function pythonEnvironment(): { env: NodeJS.ProcessEnv; changes: Record<string, string> } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const changes: Record<string, string> = {};
  for (const name of ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']) {
    changes[name] = name in env ? `unset (was ${env[name]})` : 'unset (was not set)';
    delete env[name];
  }
  for (const name of ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS']) {
    env[name] = '1';
    changes[name] = '1';
  }
  return { env, changes };
}

/** A persistent scikit-learn worker (`python/sklearn_bench.py`): one JSON job per line. */
export class PythonPeer {
  private readonly lines: AsyncIterator<string>;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    public info: PythonInfo,
  ) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /**
   * Starts the worker. Resolves to the peer, or to the reason it is unavailable (no interpreter,
   * scikit-learn not importable, ...), so the scikit-learn rows can say why and the rest runs.
   */
  static async start(): Promise<PythonPeer | string> {
    const script = join(benchRoot(), 'python', 'sklearn_bench.py');
    if (!existsSync(PYTHON)) return `${PYTHON} not found`;
    const { env, changes } = pythonEnvironment();
    const child = spawn(PYTHON, [script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const failed = new Promise<string>((resolve) => {
      child.on('error', (error) => resolve(`cannot start ${PYTHON}: ${error.message}`));
      child.on('exit', (code) => resolve(`${PYTHON} exited with ${code}: ${stderr.trim()}`));
    });
    const peer = new PythonPeer(child, {} as PythonInfo);
    const first = await Promise.race([peer.readAnswer(), failed]);
    if (typeof first === 'string') return first;
    if (!first.ok) {
      child.kill();
      return String(first.unavailable ?? first.error ?? 'scikit-learn unavailable');
    }
    const info = await peer.request({ op: 'info' });
    peer.info = { ...(info as unknown as PythonInfo), environment: changes };
    return peer;
  }

  private async readAnswer(): Promise<Answer> {
    const next = await this.lines.next();
    if (next.done) throw new Error('the Python worker closed its output');
    return JSON.parse(next.value) as Answer;
  }

  /** Sends one job and waits for its answer; jobs run one at a time, in order. */
  request(job: Record<string, unknown>): Promise<Answer> {
    const id = this.nextId++;
    const run = this.queue.then(async () => {
      this.child.stdin.write(`${JSON.stringify({ ...job, id })}\n`);
      const answer = await this.readAnswer();
      if (!answer.ok) throw new Error(`scikit-learn job ${String(job.op)} failed: ${answer.error}`);
      return answer;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Asks the worker to exit and waits for it. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.write(`${JSON.stringify({ op: 'quit' })}\n`);
    this.child.stdin.end();
    await exited;
  }
}
