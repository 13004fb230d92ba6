import { CliError } from '../cliError.js';
import type { Algorithm } from './fitSettings.js';

/** `mixkit fit` options that only some algorithms take (commander's attribute names). */
export type ScopedOption = keyof typeof optionScope;

const mixtures: readonly Algorithm[] = ['em', 'bayes'];
const seeded: readonly Algorithm[] = ['em', 'kmeans', 'bayes'];
const density: readonly Algorithm[] = ['dbscan', 'optics', 'hdbscan'];

/**
 * The algorithms each option applies to: one table, so that an option given for another
 * algorithm is an error naming both rather than a setting silently ignored.
 */
export const optionScope = {
  k: ['em', 'kmeans', 'bayes', 'agglomerative'],
  criterion: ['em'],
  covariance: mixtures,
  select: ['em'],
  seed: seeded,
  maxIterations: seeded,
  tolerance: seeded,
  nInit: seeded,
  workers: seeded,
  regCovar: mixtures,
  proba: mixtures,
  weightPrior: ['bayes'],
  weightConcentration: ['bayes'],
  prune: ['bayes'],
  linkage: ['agglomerative'],
  height: ['agglomerative'],
  metric: ['agglomerative', ...density],
  eps: ['dbscan', 'optics'],
  epsCluster: ['optics'],
  minPts: density,
  clusterSelection: ['hdbscan'],
  scores: density,
  spillDir: ['em'],
  spill: ['em'],
} as const satisfies Record<string, readonly Algorithm[]>;

/**
 * The command-line spelling of an option (`epsCluster` -> `--eps-cluster`; `spill`, which is
 * only ever given as its negation, -> `--no-spill`).
 */
export function flagOf(option: string): string {
  if (option === 'spill') return '--no-spill';
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Throws a `CliError` for the first option in `given` (those typed on the command line) that
 * `algorithm` does not take, saying which algorithms do.
 */
export function checkOptionScope(algorithm: Algorithm, given: ReadonlySet<string>): void {
  for (const [option, allowed] of Object.entries(optionScope)) {
    const algorithms: readonly Algorithm[] = allowed;
    if (given.has(option) && !algorithms.includes(algorithm)) {
      throw new CliError(
        `${flagOf(option)} applies to --algo ${orList(algorithms)}, not to --algo ${algorithm}`,
      );
    }
  }
}

function orList(items: readonly string[]): string {
  return items.length === 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
