import { wineFeatureNames, wineLabels, wineValues } from './data/wine.js';
import { type RealDataset, realDataset } from './realDataset.js';

/** UCI Wine (Forina et al.): 178 x 13, labels 0, 1, 2 for cultivars 1, 2, 3. */
export function loadWine(): RealDataset {
  return realDataset('wine', wineFeatureNames, wineValues, wineLabels, [
    'cultivar 1',
    'cultivar 2',
    'cultivar 3',
  ]);
}
