import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openRedis, type RedisConnection, startShardWorker } from '@mixkit/distributed';

/**
 * A BullMQ cluster on this machine for the distributed suite: a throwaway redis-server on
 * 127.0.0.1 (no persistence) and `workers` worker processes (this harness run again with
 * `--distributed-worker`), which report the milliseconds each shard job took, so the suite can
 * tell the map's compute from everything around it.
 */
export interface BenchCluster {
  readonly connection: RedisConnection;
  /** Milliseconds of shard jobs done so far, summed over the workers. */
  readonly jobMs: () => number;
  stop(): Promise<void>;
}

/** Why the cluster cannot start here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  const found = spawnSync(process.env.REDIS_SERVER ?? 'redis-server', ['--version'], {
    encoding: 'utf8',
  });
  return found.status === 0
    ? undefined
    : 'redis-server is not installed (apt-get install redis-server)';
}

export async function startBenchCluster(workers: number, dataRoot: string): Promise<BenchCluster> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mixkit-bench-redis-'));
  const redis = spawn(
    process.env.REDIS_SERVER ?? 'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const connection: RedisConnection = { port };
  await waitForRedis(connection);
  let total = 0;
  const children: ChildProcess[] = [];
  for (let w = 0; w < workers; w++) {
    // This harness's cli.js, or a bundle of benchWorkerEntry.ts where the harness runs from
    // sources (the smoke test, under vitest, whose argv[1] is vitest's own script).
    const script = process.env.MIXKIT_BENCH_WORKER_ENTRY ?? process.argv[1] ?? '';
    const child = spawn(
      process.execPath,
      [script, '--distributed-worker', JSON.stringify({ connection, dataRoot })],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout ?? process.stdin });
      lines.on('line', (line) => {
        if (line === 'ready') resolve();
        else if (line.startsWith('ms ')) total += Number(line.slice(3));
      });
      child.once('exit', (code) => reject(new Error(`a bench worker exited (${code})`)));
    });
  }
  return {
    connection,
    jobMs: () => total,
    async stop() {
      for (const child of children) child.kill('SIGKILL');
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The worker process's main (`cli.js --distributed-worker <json>`): serves until killed. */
export async function serveBenchWorker(json: string): Promise<void> {
  const { connection, dataRoot } = JSON.parse(json) as {
    connection: RedisConnection;
    dataRoot: string;
  };
  await startShardWorker({
    connection,
    dataRoot,
    onEvent: (event) => {
      if (event.type === 'done') process.stdout.write(`ms ${event.ms}\n`);
    },
  });
  process.stdout.write('ready\n');
}

async function waitForRedis(connection: RedisConnection): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      (await openRedis({ ...connection, connectTimeoutMs: 500 })).disconnect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
