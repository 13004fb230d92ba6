import { CliError } from '../cliError.js';
import { type Labeller, mixtureLabeller, predictingLabeller } from './labeller.js';
import type { LoadedModel } from './savedModel.js';

/** How a saved model labels new rows: the labeller, its name and its rule in words. */
export interface NewRowRule {
  readonly labeller: Labeller;
  /** What the model is, e.g. `mixture`, `DBSCAN`. */
  readonly name: string;
  /** How a new row gets its label (the library's `predict`), for the report. */
  readonly rule: string;
  /** Whether new rows may be labelled noise (-1). */
  readonly marksNoise: boolean;
}

/**
 * The rule each algorithm's library model applies to new rows (its `predict`), in words the
 * report prints: the one place `mixkit predict` tells the algorithms apart. An OPTICS model
 * without a DBSCAN extraction would label every row noise, so it is refused.
 */
export function newRowRule(loaded: LoadedModel, file: string): NewRowRule {
  switch (loaded.algorithm) {
    case 'em':
      return {
        labeller: mixtureLabeller(loaded.model, (X) => loaded.model.score(X)),
        name: 'mixture',
        rule: 'each row goes to its most probable component',
        marksNoise: false,
      };
    case 'bayes':
      return {
        labeller: mixtureLabeller(loaded.model),
        name: 'variational Bayesian mixture',
        rule: 'each row goes to its most probable component under the posterior',
        marksNoise: false,
      };
    case 'kmeans':
      return {
        labeller: predictingLabeller(loaded.model),
        name: 'k-means',
        rule: 'each row goes to its nearest center',
        marksNoise: false,
      };
    case 'agglomerative':
      return {
        labeller: predictingLabeller(loaded.model),
        name: `agglomerative, ${loaded.model.linkageMethod} linkage`,
        rule: 'agglomerative clustering has no rule of its own for new rows: each takes the label of its nearest training row (the model keeps them)',
        marksNoise: false,
      };
    case 'dbscan':
      return {
        labeller: predictingLabeller(loaded.model),
        name: 'DBSCAN',
        rule: `each row takes the label of its nearest core sample within eps = ${loaded.model.eps}, else -1 (noise)`,
        marksNoise: true,
      };
    case 'optics': {
      const { epsCluster } = loaded.model;
      if (epsCluster === undefined) {
        throw new CliError(
          `${file}: the OPTICS model has no DBSCAN extraction (--eps-cluster), so it would label every row noise; fit it again with --eps-cluster`,
        );
      }
      return {
        labeller: predictingLabeller(loaded.model),
        name: 'OPTICS',
        rule: `each row takes the label of its nearest clustered training row within eps-cluster = ${epsCluster}, else -1 (noise), as R's predict.optics`,
        marksNoise: true,
      };
    }
    case 'hdbscan':
      return {
        labeller: predictingLabeller(loaded.model),
        name: 'HDBSCAN',
        rule: "each row takes the label of its nearest clustered training row when within that row's core distance, else -1 (noise), as R's predict.hdbscan",
        marksNoise: true,
      };
  }
}
