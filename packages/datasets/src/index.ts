export { loadFaithful } from './loadFaithful.js';
export { loadIris } from './loadIris.js';
export { loadWine } from './loadWine.js';
export {
  type BagOfWordsParameters,
  type DocumentLengths,
  type MakeBagOfWordsOptions,
  makeBagOfWords,
} from './makeBagOfWords.js';
export {
  type BernoulliMixtureParameters,
  type MakeBernoulliMixtureOptions,
  makeBernoulliMixture,
} from './makeBernoulliMixture.js';
export { type BlobsParameters, type MakeBlobsOptions, makeBlobs } from './makeBlobs.js';
export {
  type GaussianMixtureParameters,
  type MakeGaussianMixtureOptions,
  makeGaussianMixture,
} from './makeGaussianMixture.js';
export {
  type MakeMixedTypesOptions,
  type MixedTypesDataset,
  type MixedTypesParameters,
  makeMixedTypes,
} from './makeMixedTypes.js';
export type {
  MixedColumn,
  MixedColumnParameters,
  MixedColumnType,
} from './mixedColumnTypes.js';
export type { RealDataset } from './realDataset.js';
export type { SyntheticDataset } from './syntheticDataset.js';
