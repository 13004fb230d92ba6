import type { Frame } from '../fit/timeline.js';

/** What the EM panel's caption says at `frame` (`iterations`/`converged` once the fit is done). */
export function emCaption(
  frame: Frame,
  done: { iterations: number; converged: boolean } | undefined,
): string {
  switch (frame.phase) {
    case 'start':
      return 'EM, the start: the initial components; no responsibilities yet';
    case 'assign':
      return `EM, E-step ${frame.iteration}: each point's responsibilities under the current components`;
    case 'update':
      return `EM, M-step ${frame.iteration}: each component re-fitted to the points, weighted by their responsibilities`;
    case 'final':
      return `EM, fitted: ${done?.iterations ?? frame.iteration} iterations (${done?.converged ? 'converged' : 'not converged'}), responsibilities under the fitted components`;
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
