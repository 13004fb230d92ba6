import {
  type AnyShardTask,
  type FamilySpec,
  type Shard,
  type ShardContext,
  toThreadError,
} from '@mixkit/core';
import {
  defaultRegistry,
  extendRegistry,
  type FamilyFactory,
  familyFromSpec,
} from '@mixkit/distributions';
import type { FromWorker, ToWorker } from '../pool/protocol.js';
import { builtinTasks } from './builtinTasks.js';

/**
 * What a module named in a pool's `modules` option may export for its workers: extra families
 * (factories by kind, as `@mixkit/distributions`' registry holds them) and extra tasks.
 * Workers `import()` each module once at start; no code is ever sent as data.
 */
export interface WorkerModule {
  /** Family factories by kind, added to the registry families are rebuilt from. */
  readonly families?: Readonly<Record<string, FamilyFactory>>;
  /** Tasks found by their `name`. */
  readonly tasks?: readonly AnyShardTask[];
}

/** The worker's end of a pool: how it hears and answers the pool. */
export interface WorkerEndpoint {
  /** Posts a message to the pool. */
  post(message: FromWorker): void;
  /** Calls `handler` with every message from the pool. */
  onMessage(handler: (message: ToWorker) => void): void;
  /** Loads a module the user named (`import()` of a URL or path). */
  load(specifier: string): Promise<WorkerModule>;
}

interface OpenSession {
  readonly task: AnyShardTask;
  readonly state: unknown;
  readonly shards: readonly Shard[];
  readonly abort: Int32Array | undefined;
}

/**
 * Serves a pool from inside a worker: builds task states on `open` (families rebuilt from
 * their specs through the registry), runs this worker's shards on `map` (checking the
 * session's abort flag between shards), and answers a task's error as a `ThreadError` so it
 * arrives as the same typed error. The worker stays usable after an error.
 */
export function serveShards(endpoint: WorkerEndpoint): void {
  const tasks = new Map(builtinTasks.map((task) => [task.name, task]));
  let registry = defaultRegistry;
  const sessions = new Map<number, OpenSession>();
  const context: ShardContext = {
    inWorker: true,
    resolveFamily: (spec: FamilySpec) => familyFromSpec(spec, registry),
  };
  endpoint.onMessage((message) => {
    switch (message.type) {
      case 'init':
        Promise.all(message.modules.map((specifier) => endpoint.load(specifier))).then(
          (modules) => {
            for (const module of modules) {
              if (module.families !== undefined)
                registry = extendRegistry(registry, module.families);
              for (const task of module.tasks ?? []) tasks.set(task.name, task);
            }
            endpoint.post({ type: 'ready' });
          },
          (error: unknown) => {
            endpoint.post({ type: 'failed', session: -1, round: -1, error: toThreadError(error) });
          },
        );
        return;
      case 'open': {
        const { session, setup, shards, abort } = message;
        try {
          const task = tasks.get(message.task);
          if (task === undefined) {
            throw new TypeError(
              `no task '${message.task}' in this worker (name its module in the pool's modules)`,
            );
          }
          sessions.set(session, {
            task,
            state: task.open(
              setup,
              {
                ...context,
                aborted: () => abort !== undefined && Atomics.load(abort, 0) !== 0,
              },
              shards,
              undefined,
            ),
            shards,
            abort,
          });
          endpoint.post({ type: 'opened', session });
        } catch (error) {
          endpoint.post({ type: 'failed', session, round: -1, error: toThreadError(error) });
        }
        return;
      }
      case 'map': {
        const { session, round } = message;
        const open = sessions.get(session);
        try {
          if (open === undefined) throw new TypeError(`no open session ${session} in this worker`);
          const { task, state, shards, abort } = open;
          const input =
            task.decode === undefined ? message.input : task.decode(message.input, state);
          const outputs: unknown[] = [];
          for (const shard of shards) {
            if (abort !== undefined && Atomics.load(abort, 0) !== 0) {
              endpoint.post({ type: 'aborted', session, round });
              return;
            }
            outputs.push(task.run(state, input, shard));
          }
          endpoint.post({ type: 'mapped', session, round, outputs });
        } catch (error) {
          endpoint.post({ type: 'failed', session, round, error: toThreadError(error) });
        }
        return;
      }
      case 'close': {
        const open = sessions.get(message.session);
        sessions.delete(message.session);
        // After the session's last round (messages are served in order): the task may keep
        // its state's memory for the thread's next session (`ShardTask.close`).
        if (open !== undefined) open.task.close?.(open.state);
        return;
      }
    }
  });
}
