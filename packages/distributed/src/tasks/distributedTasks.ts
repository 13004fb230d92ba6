import type { AnyDistributedTask } from './distributedTask.js';
import { emPassOnShards } from './emPassOnShards.js';
import { kmeansAssignOnShards } from './kmeansAssignOnShards.js';

/**
 * The tasks that run on distributed workers, by task name: EM's pass and k-means' assignment,
 * the map of every EM and k-means iteration. A program's other tasks (k-medoids, silhouette,
 * labelling) run in the coordinator's thread.
 */
export const distributedTasks: ReadonlyMap<string, AnyDistributedTask> = new Map(
  [emPassOnShards, kmeansAssignOnShards].map((adapter) => [adapter.task.name, adapter]),
);
