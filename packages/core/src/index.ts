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
  FamilyForData,
  FamilyResolver,
  FamilySpec,
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
export { type InputLocation, InvalidInputError } from './errors/invalidInputError.js';
export { MixkitError } from './errors/mixkitError.js';
export { NotFittedError } from './errors/notFittedError.js';
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
export type { FitOptions, IterationProgress, RunOptions } from './options.js';
export { createRandom, type RandomInput, type RandomSource, toRandom } from './random.js';
export { type ToMatrixOptions, toMatrix } from './toMatrix.js';
export {
  assertClusterCount,
  assertInteger,
  assertNumber,
  throwIfAborted,
  toWeights,
} from './validate.js';
