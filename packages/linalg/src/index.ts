export { argmaxRows } from './argmaxRows.js';
export { type CholeskyResult, cholesky } from './cholesky.js';
export { expNonPositive } from './expNonPositive.js';
export type { HamerlyStep } from './internal/fusedSteps.js';
export { invertLowerTriangular } from './invertLowerTriangular.js';
export { setKernelCompilation } from './kernelCompilation.js';
export { preferKernelMemory, prefersKernelMemory } from './kernelMemoryPreference.js';
export { logDetCholesky } from './logDetCholesky.js';
export { logSumExpRows } from './logSumExp.js';
export { fromMlMatrix, toMlMatrix } from './mlMatrix.js';
export { multiply } from './multiply.js';
export { multiplyTransposed } from './multiplyTransposed.js';
export { multiplyUpperRows } from './multiplyUpperRows.js';
export { type HamerlyBounds, type LabelChanges, NearestCenters } from './nearestCenters.js';
export { normalizeLogRows } from './normalizeLogRows.js';
export { orthogonalPolarFactor } from './orthogonalPolarFactor.js';
export { kernelScratchBeside } from './prepared/kernelScratchBeside.js';
export {
  PREPARED_SCRATCH_VALUES,
  type PrepareDataOptions,
  prepareData,
} from './prepared/prepareData.js';
export { releaseKernelArrays } from './prepared/releaseKernelArrays.js';
export { inverseFromCholesky, solveCholesky } from './solveCholesky.js';
export { solveLowerRows } from './solveTriangularRows.js';
export { besselIRatio } from './special/besselIRatio.js';
export { digamma } from './special/digamma.js';
export { logBesselI } from './special/logBesselI.js';
export { logBesselIScaled } from './special/logBesselIScaled.js';
export {
  LOG_FACTORIAL_TABLE_SIZE,
  logFactorial,
  logFactorialTable,
} from './special/logFactorial.js';
export { logGamma } from './special/logGamma.js';
export { logGammaRatio } from './special/logGammaRatio.js';
export { trigamma } from './special/trigamma.js';
export { rowSquaredNorms, squaredDistance, squaredDistances } from './squaredDistances.js';
export { squaredMahalanobis } from './squaredMahalanobis.js';
export { squaredMahalanobisDiagonal } from './squaredMahalanobisDiagonal.js';
export { type SymmetricEigenResult, symmetricEigen } from './symmetricEigen.js';
export { thresholdedLogSumExpRows } from './thresholdedLogSumExpRows.js';
export { thresholdedSoftmaxRows } from './thresholdedSoftmaxRows.js';
export { KernelArena } from './wasm/kernelArena.js';
export {
  adoptKernelModules,
  allocateKernelArrays,
  compiledKernelModules,
  type KernelModules,
  kernelMemoryAvailable,
} from './wasm/wasmKernels.js';
export { weightedColumnMeans } from './weightedColumnMeans.js';
export { weightedGram } from './weightedGram.js';
export { combineMoments, type ScatterMode, weightedMeanScatter } from './weightedMoments.js';
