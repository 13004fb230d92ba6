import type { AnyShardTask } from '@mixkit/core';
import { emPassTask, emRestartTask, emSelectionTask } from '@mixkit/em';
import { mclustCellTask, variationalRestartTask } from '@mixkit/gaussian-mixture';
import {
  kmeansAssignTask,
  kmeansLabelTask,
  kmeansPrepareTask,
  kmeansRestartTask,
  kmedoidsDissimilarityTask,
  kmedoidsSwapTask,
  sphericalRestartTask,
} from '@mixkit/kmeans';
import { silhouetteTask } from '@mixkit/metrics';

/** The tasks mixkit ships, which every worker knows by name. */
export const builtinTasks: readonly AnyShardTask[] = [
  emPassTask,
  emRestartTask,
  emSelectionTask,
  kmeansAssignTask,
  kmeansLabelTask,
  kmeansPrepareTask,
  kmeansRestartTask,
  kmedoidsDissimilarityTask,
  kmedoidsSwapTask,
  mclustCellTask,
  sphericalRestartTask,
  silhouetteTask,
  variationalRestartTask,
];
