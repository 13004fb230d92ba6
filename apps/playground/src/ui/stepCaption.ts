import type { Frame } from '../fit/timeline.js';
import type { MclustSummary } from '../methods/methodProtocol.js';
import type { MethodName } from '../state/playgroundState.js';

/**
 * What a mixture method's captions call it: EM, variational Bayes, or mclust's choice (its model
 * and number of components once known).
 */
export function mixtureName(method: MethodName, mclust: MclustSummary | undefined): string {
  if (method === 'variational') return 'Variational Bayes';
  if (method === 'mclust') {
    return mclust
      ? `mclust's choice, ${mclust.modelName} with ${mclust.nClusters} components`
      : 'mclust';
  }
  return 'EM';
}

/**
 * What the mixture panel's caption says at `frame` (`iterations`/`converged` once the fit is
 * done); `name` is the method (`mixtureName`).
 */
export function emCaption(
  frame: Frame,
  done: { iterations: number; converged: boolean } | undefined,
  name = 'EM',
): string {
  switch (frame.phase) {
    case 'start':
      return `${name}, the start: the initial components; no responsibilities yet`;
    case 'assign':
      return `${name}, E-step ${frame.iteration}: each point's responsibilities under the current components`;
    case 'update':
      return `${name}, M-step ${frame.iteration}: ${name === 'Variational Bayes' ? "each component's posterior updated from" : 'each component re-fitted to'} the points, weighted by their responsibilities`;
    case 'final':
      return `${name}, fitted: ${done?.iterations ?? frame.iteration} iterations (${done?.converged ? 'converged' : 'not converged'}), responsibilities under the fitted components`;
  }
}

/** What the k-means panel's caption says at `frame`. */
export function kmeansCaption(
  frame: Frame,
  done: { iterations: number; converged: boolean } | undefined,
): string {
  switch (frame.phase) {
    case 'start':
      return 'k-means, the start: k-means++ centers; no labels yet';
    case 'assign':
      return `k-means, assignment ${frame.iteration}: each point to its nearest center`;
    case 'update':
      return `k-means, update ${frame.iteration}: each center moved to the mean of its points`;
    case 'final':
      return `k-means, fitted: ${done?.iterations ?? frame.iteration} iterations (${done?.converged ? 'converged' : 'not converged'}), final labels`;
  }
}
