import { createMatrix } from '@mixkit/core';
import { gaussianModel } from '@mixkit/distributions';
import { fitMixture, iterateEm } from '@mixkit/em';
import { mclustAsync, modelBasedHierarchical } from '@mixkit/gaussian-mixture';
import type { FitExecutor } from '../fit/fitExecutor.js';
import type { FitRequest, MixtureFitOutcome } from '../fit/fitProtocol.js';
import { type FitListener, runKMeans, snapshotOf } from '../fit/runFit.js';
import { MCLUST_MAX_ROWS, mclustComponentRange } from './limits.js';

/**
 * mclust's model selection (`mclust(X)` of `@mixkit/gaussian-mixture`, R's `Mclust()`): 1 to 9
 * components (never more than the rows, `mclustComponentRange`) x the fourteen models, each from
 * the hierarchical start, scored by mclust's BIC; the 126 fits run across `executor`'s Web
 * Workers when there is a pool (`mclustAsync`, the same result), else in the fit worker.
 * Then the chosen model's EM is replayed for the player: snapshot 0 is the M-step from the
 * hierarchical partition, snapshot t the parameters after t more iterations, as `mclustEm` runs
 * them; the last snapshot is the chosen model itself (its labels are the outcome's). Then
 * k-means with the page's k and seed, as beside EM.
 */
export async function runMclust(
  request: FitRequest,
  listener: FitListener,
  executor?: FitExecutor,
): Promise<MixtureFitOutcome> {
  const X = createMatrix(request.rows, request.cols, request.data);
  if (X.rows > MCLUST_MAX_ROWS) {
    throw new RangeError(
      `mclust's selection runs here on at most ${MCLUST_MAX_ROWS.toLocaleString('en-US')} rows (its hierarchical start holds n²/2 pair costs and takes ~n³/6 steps); this data has ${X.rows.toLocaleString('en-US')}`,
    );
  }
  if (X.cols < 2) {
    throw new RangeError("mclust's fourteen models are multivariate: choose the 2-D view");
  }
  const result = await mclustAsync(X, {
    nClusters: mclustComponentRange(X.rows),
    executor: executor?.executor,
  });
  const { modelName, nClusters: G, bic, iterations } = result.best;
  if (bic === undefined) throw new Error('mclust chose a cell without a BIC');
  const family = gaussianModel(modelName);
  const init = modelBasedHierarchical(X).init(G);
  const start = fitMixture(X, { family, nClusters: G, init, maxIterations: 0 });
  listener.emSnapshot(snapshotOf(start, X, 0, request.densityGrid));
  // mclustEm keeps the parameters of the step before the one whose change met its rule: the
  // model of step t is the parameters after t + 1 M-steps; the chosen fit ran `iterations`.
  const total = iterations ?? 1;
  const steps = iterateEm(X, { family, nClusters: G, init, tolerance: 0, maxIterations: total });
  for (let t = 1; t < total; t++) {
    const step = steps.next();
    if (step.done) break;
    listener.emSnapshot(snapshotOf(step.value.model(), X, t, request.densityGrid));
  }
  const model = result.model;
  const kmeans = runKMeans(X, request.families.length, request.seed, listener);
  return {
    em: {
      // mclust's EM runs until its rule is met: its iteration cap is 2³¹ − 1.
      converged: true,
      // EM iterations after the start, as the player counts them.
      iterations: total - 1,
      logLikelihood: model.score(X),
      bic: model.bic(X),
      labels: model.predict(X),
      warnings: [],
    },
    mclust: {
      modelName,
      nClusters: G,
      bic,
      summary: result.summary(),
      table: result.table(),
      fits: result.candidates.length,
      mSteps: total,
    },
    // The selection's fits ran on the pool when there is one; the replay in the fit worker.
    executor: executor?.label ?? 'in-thread',
    kmeans: {
      converged: kmeans.converged,
      iterations: kmeans.iterations,
      inertia: kmeans.inertia,
      labels: Int32Array.from(kmeans.labels),
    },
  };
}
