export { loadFaithful } from './loadFaithful.js';
export { loadIris } from './loadIris.js';
export { loadWine } from './loadWine.js';
export { type BlobsParameters, type MakeBlobsOptions, makeBlobs } from './makeBlobs.js';
export {
  type GaussianMixtureParameters,
  type MakeGaussianMixtureOptions,
  makeGaussianMixture,
} from './makeGaussianMixture.js';
export type { RealDataset } from './realDataset.js';
export type { SyntheticDataset } from './syntheticDataset.js';
