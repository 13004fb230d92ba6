import type { GaussianStats } from '@mixkit/distributions';
import { type EmWorkspace, wholeDataStats } from '@mixkit/em';

/**
 * The unweighted Gaussian statistics of every row of the workspace's data (weight n, column
 * means, scatter Σ (x − mean)(x − mean)ᵀ in its family's layout), from which the default priors
 * follow. They are the statistics the workspace already computed to resolve its family
 * (`forData`, kept for re-seeding) when no sample weights were given; otherwise (weighted rows,
 * or column ranges settled the family without them) the same shard-by-shard pass runs here
 * (`wholeDataStats`), so the bits are the same either way. A variational fit used to compute
 * np.cov(X.T) in a loop of its own, in the calling thread, before every fit: at 100,000 x 10 it
 * cost 20-28 ms CPU, more than the pass it repeats, and on 2 workers it was serial time in front of
 * every fit (issue 17).
 */
export function dataMoments(workspace: EmWorkspace): GaussianStats {
  const family = workspace.families[0];
  if (family === undefined) throw new RangeError('dataMoments: a workspace without components');
  const kept = workspace.sampleWeight === undefined ? workspace.globalStats.get(family) : undefined;
  const stats =
    kept ?? wholeDataStats(family, workspace.initX, undefined, workspace.blockSize, workspace.k);
  if (!isGaussianStats(stats)) {
    throw new TypeError(`dataMoments: '${family.kind}' statistics are not a Gaussian family's`);
  }
  return stats;
}

function isGaussianStats(value: unknown): value is GaussianStats {
  return (
    typeof value === 'object' &&
    value !== null &&
    'weight' in value &&
    typeof value.weight === 'number' &&
    'mean' in value &&
    value.mean instanceof Float64Array &&
    'scatter' in value &&
    value.scatter instanceof Float64Array
  );
}
