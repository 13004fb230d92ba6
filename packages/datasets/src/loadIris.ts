import { irisFeatureNames, irisLabels, irisValues } from './data/iris.js';
import { type RealDataset, realDataset } from './realDataset.js';

/** Fisher's Iris (1936): 150 x 4, labels 0 setosa, 1 versicolor, 2 virginica. */
export function loadIris(): RealDataset {
  return realDataset('iris', irisFeatureNames, irisValues, irisLabels, [
    'setosa',
    'versicolor',
    'virginica',
  ]);
}
