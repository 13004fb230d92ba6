// Building blocks for runners of other objectives on the same passes (the variational Bayesian
// mixture of @mixkit/gaussian-mixture): the per-fit workspace, the E-step/accumulate pass (over
// a session of emPassTask on any executor with emPass and passSetup, cut by emShardRows; or one
// shard in the caller's thread with fusedPass), the initial statistics of an init strategy
// (initializeProgram: a k-means start on the fit's executor), and the iteration bookkeeping.
export { emPass } from './estep/emPass.js';
export {
  type EmPassInput,
  type EmPassOutput,
  type EmPassSetup,
  emPassTask,
  passSetup,
} from './estep/emPassTask.js';
export { fusedPass } from './estep/fusedPass.js';
export { negligibleResponsibility } from './estep/normalizeBlock.js';
export type { WorstRows } from './estep/worstRows.js';
export { type InitialState, initialize, initializeProgram } from './init/initialize.js';
export type { MixtureJson } from './model/mixtureJson.js';
export { type MixtureComponent, MixtureModel } from './model/mixtureModel.js';
export type { MixtureSample } from './model/sampleMixture.js';
export type { MStepSettings } from './mstep/mStep.js';
export { OnlineMixture, type OnlineMixtureOptions } from './online/onlineMixture.js';
export { type StepSchedule, stepSize } from './online/stepSize.js';
export {
  type EmRestartOutput,
  type EmRestartSetup,
  emRestartTask,
  type RestartSettings as EmRestartSettings,
} from './run/emRestartTask.js';
export { emShardRows } from './run/emShardRows.js';
export type { EmRestartResult, EmStep } from './run/emStep.js';
export { fitMixture } from './run/fitMixture.js';
export { fitMixtureAsync, iterateEmAsync } from './run/fitMixtureAsync.js';
export { emProgram, type FitMixtureOptions, iterateEm } from './run/iterateEm.js';
export { Mixture } from './run/mixture.js';
export type {
  EmSettings,
  EStep,
  InitialParameters,
  MixtureComponents,
  MixtureFitOptions,
  MixtureInit,
  MixtureOptions,
} from './run/mixtureOptions.js';
export { RestartProgress, type StepModelParts } from './run/restartProgress.js';
export { runRestartInThread } from './run/runRestartInThread.js';
export { formatSelectionTable } from './select/formatSelectionTable.js';
export { selectionProgram } from './select/selectionProgram.js';
export {
  type EmSelectionOutput,
  type EmSelectionSetup,
  emSelectionTask,
} from './select/selectionTask.js';
export type {
  MixtureSelection,
  SelectionCandidate,
  SelectionCriterion,
  SelectionGrid,
  SelectionRow,
  SelectMixtureOptions,
} from './select/selectionTypes.js';
export { selectMixture } from './select/selectMixture.js';
export { selectMixtureAsync } from './select/selectMixtureAsync.js';
export type { ChunkSource } from './stream/chunkSource.js';
export { fitMixtureStream } from './stream/fitMixtureStream.js';
export { type FitMixtureStreamOptions, iterateEmStream } from './stream/iterateEmStream.js';
export {
  type EmDataInput,
  type EmDataOutput,
  type EmDataSetup,
  emDataTask,
} from './workspace/emDataTask.js';
export { createEmWorkspace, type EmWorkspace, type FamilyGroup } from './workspace/emWorkspace.js';
export { placedBeforeChecks } from './workspace/kernelArrays.js';
export { wholeDataStats } from './workspace/wholeDataStats.js';
