export { assertUnreachable } from './assertUnreachable.js';
export {
  type Clusterer,
  type ClusteringModel,
  NOISE,
  type SoftClusterer,
  type SoftClusteringModel,
} from './clusterer.js';
export type {
  AnyComponentFamily,
  ComponentFamily,
  DataRanges,
  FamilyForData,
  FamilyResolver,
  FamilySpec,
  MissingCellTreatment,
  ParamsOf,
  SerializedParams,
  StatsOf,
} from './componentFamily.js';
export { fitDiagnosticsFromJson, fitDiagnosticsToJson } from './diagnosticsJson.js';
export { AbortedError } from './errors/abortedError.js';
export {
  type DegeneracyReason,
  DegenerateComponentError,
} from './errors/degenerateComponentError.js';
export { DisposedDataError } from './errors/disposedDataError.js';
export { type InputLocation, InvalidInputError } from './errors/invalidInputError.js';
export { MixkitError } from './errors/mixkitError.js';
export { NotFittedError } from './errors/notFittedError.js';
export { UnsupportedMissingCellsError } from './errors/unsupportedMissingCellsError.js';
export { WorkerError, type WorkerFailure } from './errors/workerError.js';
export { finitePrefix } from './finitePrefix.js';
export type { DegeneracyAction, FitDiagnostics, FitWarning } from './fitResult.js';
export { describeWarning } from './format/describeWarning.js';
export { formatTable, type TableLayout } from './format/formatTable.js';
export { JsonReader } from './json/jsonReader.js';
export { numbersFromJson, numbersToJson } from './json/numbersJson.js';
export type { JsonValue, Versioned } from './json.js';
export {
  createMatrix,
  type Matrix,
  type MatrixInput,
  type MlMatrixLike,
  rowView,
  toArrays,
} from './matrix.js';
export { countMissingCells, markMissingRows } from './missing/markMissingRows.js';
export {
  type MissingPolicy,
  missingPolicies,
  resolveMissingPolicy,
} from './missing/missingPolicy.js';
export type { FitOptions, IterationProgress, RunOptions } from './options.js';
export {
  createPreparedData,
  isPreparedData,
  type PreparedData,
  type PreparedParts,
} from './prepared/preparedData.js';
export {
  createRandom,
  type RandomInput,
  type RandomSource,
  randomFromState,
  randomState,
  toRandom,
} from './random.js';
export { sampleWithoutReplacement } from './sampleWithoutReplacement.js';
export { assertNoWorkers } from './shards/assertNoWorkers.js';
export {
  InThreadSession,
  isSharedMemory,
  Pacer,
  sharedFloat64Array,
  sharedInt32Array,
  sharedUint8Array,
  yieldToEventLoop,
} from './shards/inThreadSession.js';
export {
  isRemoteRows,
  type RemoteRows,
  remoteRows,
  rowsElsewhereError,
} from './shards/remoteRows.js';
export {
  now,
  PARALLEL_RESTARTS_MIN_MS,
  parallelRestartStates,
  type RestartPlacement,
  restartStream,
  sendRestartsNow,
} from './shards/restartPlacement.js';
export {
  drainShardProgram,
  inThreadContext,
  iterateShardProgram,
  type RunShardProgramOptions,
  runShardProgram,
  runShardProgramSync,
} from './shards/runShardProgram.js';
export type { ShardExecutor, ShardSession } from './shards/shardExecutor.js';
export {
  evenShardRows,
  planShards,
  type Shard,
  type ShardPlan,
  shardAt,
  shardRowsFor,
} from './shards/shardPlan.js';
export {
  type CloseEffect,
  closeSessionsOnError,
  closeShards,
  dropSteps,
  type MapEffect,
  mapProgramSteps,
  mapShards,
  type OpenEffect,
  openShards,
  type PauseEffect,
  type ProgramEvent,
  pause,
  reportStep,
  type ShardEffect,
  type ShardHandle,
  type ShardProgram,
  type StepEvent,
} from './shards/shardProgram.js';
export type { AnyShardTask, ShardContext, ShardTask } from './shards/shardTask.js';
export { fromThreadError, type ThreadError, toThreadError } from './shards/threadError.js';
export { takeRows } from './takeRows.js';
export { type ToMatrixOptions, toMatrix } from './toMatrix.js';
export {
  assertClusterCount,
  assertInteger,
  assertNumber,
  throwIfAborted,
  toWeights,
} from './validate.js';
