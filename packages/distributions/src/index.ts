export {
  type BernoulliOptions,
  type BernoulliParams,
  type BernoulliStats,
  bernoulli,
  bernoulliParams,
} from './bernoulli.js';
export {
  type CategoricalOptions,
  type CategoricalParams,
  type CategoricalStats,
  categorical,
  categoricalParams,
} from './categorical.js';
export {
  type ExponentialParams,
  type ExponentialStats,
  exponential,
  exponentialParams,
} from './exponential.js';
export {
  GAMMA_MIN_LOG_RATIO,
  type GammaOptions,
  type GammaParams,
  type GammaStats,
  gamma,
  gammaParams,
  gammaShape,
} from './gamma.js';
export type { CovarianceFactors } from './gaussian/covariance.js';
export {
  type GaussianDiagParams,
  gaussianDiag,
  gaussianDiagParams,
} from './gaussian/diag.js';
export {
  type GaussianFullParams,
  gaussianFull,
  gaussianFullParams,
} from './gaussian/full.js';
export {
  type CovarianceType,
  covarianceTypes,
  type GaussianFamily,
  type GaussianParamsByType,
  gaussianFamily,
  gaussianFamilyFromSpec,
} from './gaussian/gaussianFamily.js';
export {
  type GaussianModelFamily,
  type GaussianModelOptions,
  type GaussianModelParams,
  gaussianModel,
  gaussianModelCovarianceParameters,
  gaussianModelFromSpec,
} from './gaussian/parsimonious/gaussianModel.js';
export {
  type GaussianModelName,
  gaussianModelNames,
} from './gaussian/parsimonious/gaussianModelName.js';
export type { RegCovar } from './gaussian/regularization.js';
export type { GaussianOptions } from './gaussian/shared.js';
export {
  type GaussianSphericalParams,
  gaussianSpherical,
  gaussianSphericalParams,
} from './gaussian/spherical.js';
export { type GaussianStats, NEGLIGIBLE_WEIGHT } from './gaussian/statistics.js';
export { type GaussianTiedParams, gaussianTied } from './gaussian/tied.js';
export { ParamsReader } from './json/paramsReader.js';
export { specOptions } from './json/specOptions.js';
export {
  type LogNormalOptions,
  type LogNormalParams,
  type LogNormalStats,
  logNormal,
  logNormalParams,
} from './logNormal.js';
export {
  type MultinomialOptions,
  type MultinomialParams,
  type MultinomialStats,
  multinomial,
  multinomialParams,
} from './multinomial.js';
export {
  type PoissonOptions,
  type PoissonParams,
  type PoissonStats,
  poisson,
  poissonParams,
} from './poisson.js';
export {
  type ProductBlock,
  type ProductFamily,
  type ProductParams,
  type ProductStats,
  product,
} from './product.js';
export {
  defaultRegistry,
  extendRegistry,
  type FamilyFactory,
  type FamilyRegistry,
  familyFromSpec,
} from './registry.js';
export { type OutputRows, outputRows } from './sampling/outputRows.js';
export { sampleCategorical } from './sampling/sampleCategorical.js';
export { sampleGamma } from './sampling/sampleGamma.js';
export { samplePoisson } from './sampling/samplePoisson.js';
export { sampleVonMisesFisher } from './sampling/sampleVonMisesFisher.js';
export {
  type StudentTDiagParams,
  studentTDiag,
  studentTDiagParams,
} from './studentT/diag.js';
export {
  type StudentTFullParams,
  studentTFull,
  studentTFullParams,
} from './studentT/full.js';
export type { LatentScaleSums } from './studentT/studentTDof.js';
export type { StudentTDofLearning, StudentTOptions } from './studentT/studentTOptions.js';
export type { StudentTStats } from './studentT/studentTStatistics.js';
export { assertWeight } from './support/assertWeight.js';
export { DEFAULT_MIN_PROBABILITY } from './support/smoothProbabilities.js';
export { inSupport, type Support, validateSupport } from './support/validateSupport.js';
export {
  type VonMisesFisherOptions,
  type VonMisesFisherParams,
  type VonMisesFisherStats,
  vonMisesFisher,
  vonMisesFisherConcentration,
  vonMisesFisherLogNormalizer,
  vonMisesFisherParams,
} from './vonMisesFisher.js';
