import { hexOf } from '../color/colorBlender.js';
import { NOISE_RGB } from '../methods/clusterColors.js';
import type { ClustererResult } from '../methods/methodProtocol.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import { h } from './dom.js';

/** Clusters listed in the legend at most (the rest are summed up in one line). */
const LISTED_CLUSTERS = 12;

/** A hard clusterer's result as the result panel shows it. */
export interface ClustererNumbers {
  /** Each cluster's rows (and HDBSCAN's stability: its persistence in the condensed tree). */
  readonly legend: HTMLElement;
  /** Rows of the numbers table. */
  readonly rows: readonly [string, string][];
  /** What the page chose for the user (an `auto` radius, Ward's route on large data). */
  readonly notes: readonly HTMLElement[];
}

/**
 * A hard clusterer's result in words, and its record on `#fit-result` (`section`): the number of
 * clusters, the noise, the radius used (`auto` resolved), HDBSCAN's membership probabilities.
 * The labels and timings are written by the caller, as for the mixtures.
 */
export function clustererNumbers(
  section: HTMLElement,
  result: ClustererResult,
  state: PlaygroundState,
  palette: readonly string[],
): ClustererNumbers {
  section.dataset.nClusters = String(result.nClusters);
  section.dataset.noise = String(result.noise);
  if (result.eps !== undefined) section.dataset.eps = String(result.eps);
  if (result.maxEps !== undefined) section.dataset.maxEps = String(result.maxEps);
  if (result.probabilities) section.dataset.probabilities = result.probabilities.join(',');
  const sizes = new Int32Array(result.nClusters);
  for (const label of result.labels) if (label >= 0) sizes[label] = (sizes[label] as number) + 1;
  const items: HTMLElement[] = [];
  for (let c = 0; c < Math.min(result.nClusters, LISTED_CLUSTERS); c++) {
    const stability = result.stabilities?.[c];
    items.push(
      h(
        'li',
        {},
        h('span', { class: 'swatch', style: `background:${palette[c % palette.length]}` }),
        `cluster #${c}: ${rowCount(sizes[c] as number)}${stability === undefined ? '' : `, stability ${stability.toPrecision(4)}`}`,
      ),
    );
  }
  if (result.nClusters > LISTED_CLUSTERS) {
    items.push(h('li', {}, `... and ${result.nClusters - LISTED_CLUSTERS} more clusters`));
  }
  if (result.noise > 0) {
    items.push(
      h(
        'li',
        {},
        h('span', { class: 'swatch', style: `background:${hexOf(NOISE_RGB)}` }),
        `noise: ${rowCount(result.noise)} in no cluster`,
      ),
    );
  }
  const rows: [string, string][] = [['clusters', String(result.nClusters)]];
  if (result.kind !== 'agglomerative')
    rows.push(['noise rows', result.noise.toLocaleString('en-US')]);
  if (result.kind === 'dbscan' && result.coreSamples !== undefined) {
    rows.push(['core samples', result.coreSamples.toLocaleString('en-US')]);
  }
  if (result.eps !== undefined) {
    rows.push([
      result.kind === 'optics' ? 'extraction radius eps' : 'radius eps',
      `${result.eps.toPrecision(4)}${state.eps === 'auto' ? ' (auto)' : ''}`,
    ]);
  }
  if (result.maxEps !== undefined) rows.push(['neighbourhood bound', result.maxEps.toPrecision(4)]);
  if (result.kind === 'hdbscan') {
    rows.push(['selection', state.selection === 'eom' ? 'excess of mass' : 'leaves']);
  }
  return {
    legend: h('ol', { class: 'legend' }, ...items),
    rows,
    notes: result.notes.map((note) => h('p', { class: 'hint' }, note)),
  };
}

/** `1 row`, `2 rows`, `1,000 rows`. */
function rowCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`;
}
