import type { AnyDistributedTask } from './distributedTask.js';
import { emDataOnShards } from './emDataOnShards.js';
import { emPassOnShards } from './emPassOnShards.js';
import { kmeansAssignOnShards } from './kmeansAssignOnShards.js';

/**
 * The tasks that run on distributed workers, by task name: EM's pass and k-means' assignment,
 * the map of every EM and k-means iteration, and EM's reads of the data (whole-data statistics,
 * seed rows) for fits whose rows live with the workers. A program's other tasks (k-medoids, silhouette,
 * labelling) run in the coordinator's thread.
 */
export const distributedTasks: ReadonlyMap<string, AnyDistributedTask> = new Map(
  [emPassOnShards, emDataOnShards, kmeansAssignOnShards].map((adapter) => [
    adapter.task.name,
    adapter,
  ]),
);
