import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchRoot } from './benchRoot.js';

/** What the R worker says about itself (`{"op": "info"}`). */
export interface RInfo {
  readonly r: string;
  readonly dbscan: string;
  /** mclust's version, or "not installed" (its rows then fail with that reason). */
  readonly mclust: string;
}

type Answer = Record<string, unknown> & { ok: boolean; error?: string };

/** The R front end; the worker needs the `dbscan` and `jsonlite` packages. */
export const RSCRIPT = process.env.MIXKIT_BENCH_RSCRIPT ?? '/usr/bin/Rscript';

/**
 * A persistent R worker (`r/r_bench.R`) running R's dbscan and mclust packages, one JSON job per line,
 * as `PythonPeer` does for scikit-learn: the harness interleaves its runs with the JavaScript
 * contenders, and R times each call itself.
 */
export class RPeer {
  private readonly lines: AsyncIterator<string>;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    public info: RInfo,
  ) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /** Starts the worker, or resolves to why it is unavailable (its rows then say so). */
  static async start(): Promise<RPeer | string> {
    const script = join(benchRoot(), 'r', 'r_bench.R');
    if (!existsSync(RSCRIPT)) return `${RSCRIPT} not found`;
    const child = spawn(RSCRIPT, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const failed = new Promise<string>((resolve) => {
      child.on('error', (error) => resolve(`cannot start ${RSCRIPT}: ${error.message}`));
      child.on('exit', (code) => resolve(`${RSCRIPT} exited with ${code}: ${stderr.trim()}`));
    });
    const peer = new RPeer(child, { r: '', dbscan: '', mclust: '' });
    const first = await Promise.race([peer.readAnswer(), failed]);
    if (typeof first === 'string') return first;
    if (!first.ok) {
      child.kill();
      return String(first.unavailable ?? first.error ?? 'R dbscan unavailable');
    }
    const info = await peer.request({ op: 'info' });
    peer.info = { r: String(info.r), dbscan: String(info.dbscan), mclust: String(info.mclust) };
    return peer;
  }

  private async readAnswer(): Promise<Answer> {
    const next = await this.lines.next();
    if (next.done) throw new Error('the R worker closed its output');
    return JSON.parse(next.value) as Answer;
  }

  /** Sends one job and waits for its answer; jobs run one at a time, in order. */
  request(job: Record<string, unknown>): Promise<Answer> {
    const id = this.nextId++;
    const run = this.queue.then(async () => {
      this.child.stdin.write(`${JSON.stringify({ ...job, id })}\n`);
      const answer = await this.readAnswer();
      if (!answer.ok) throw new Error(`R job ${String(job.op)} failed: ${answer.error}`);
      return answer;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.write(`${JSON.stringify({ op: 'quit' })}\n`);
    this.child.stdin.end();
    await exited;
  }
}
