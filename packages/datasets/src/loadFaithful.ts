import { faithfulFeatureNames, faithfulValues } from './data/faithful.js';
import { type RealDataset, realDataset } from './realDataset.js';

/** Old Faithful geyser (R's datasets::faithful): 272 x 2, eruption and waiting time in minutes. */
export function loadFaithful(): RealDataset {
  return realDataset('faithful', faithfulFeatureNames, faithfulValues);
}
