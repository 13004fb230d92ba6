export { clustererChecks, clustererCheckTitles } from './clustererChecks.js';
export { BatteryError, firstNaN, partitionDifference } from './compare.js';
export { gaussianBlobs } from './data.js';
export { describeClusterer } from './describeClusterer.js';
export type {
  ClustererCheck,
  ClustererCheckName,
  ClustererSetup,
  DataMaker,
  DataRequest,
  LabelledData,
  ObjectiveDirection,
} from './types.js';
