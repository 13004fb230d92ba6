export { conformanceChecks } from './conformanceChecks.js';
export { describeComponentFamily } from './describeComponentFamily.js';
export { ConformanceError, compareValues } from './helpers.js';
export type {
  CheckName,
  ConformanceCase,
  ConformanceCheck,
  ConformanceOptions,
  ConformanceTolerances,
  GridColumn,
  NormalizationDomain,
} from './types.js';
