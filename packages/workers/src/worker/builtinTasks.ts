import type { AnyShardTask } from '@mixkit/core';
import { emPassTask } from '@mixkit/em';
import {
  kmeansAssignTask,
  kmeansLabelTask,
  kmedoidsDissimilarityTask,
  kmedoidsSwapTask,
} from '@mixkit/kmeans';
import { silhouetteTask } from '@mixkit/metrics';

/** The tasks mixkit ships, which every worker knows by name. */
export const builtinTasks: readonly AnyShardTask[] = [
  emPassTask,
  kmeansAssignTask,
  kmeansLabelTask,
  kmedoidsDissimilarityTask,
  kmedoidsSwapTask,
  silhouetteTask,
];
