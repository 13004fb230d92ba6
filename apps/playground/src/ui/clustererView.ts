import { assertUnreachable } from '@mixkit/core';
import type { FitRun } from '../fit/fitRun.js';
import type { ClustererResult } from '../methods/methodProtocol.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import { renderCondensedTree } from '../views/condensedTreeView.js';
import { renderDendrogram } from '../views/dendrogramView.js';
import { renderReachability } from '../views/reachabilityView.js';
import type { ScatterStep } from '../views/scatterView.js';
import { h } from './dom.js';
import { UNASSIGNED_RGB } from './scatterPanels.js';

/** What the hard clusterers' figures need from the page. */
export interface ClustererViewContext {
  readonly state: PlaygroundState;
  /** The color of cluster `label`. */
  color(label: number): string;
  /** The dendrogram was pressed at this height: cut there. */
  onCut(height: number): void;
  /** The reachability plot was pressed at this distance: extract clusters there. */
  onEps(eps: number): void;
}

/** The scatter of a hard clusterer: its colors once it is done, gray before. */
export function clustererStep(run: FitRun): ScatterStep {
  const result = run.outcome?.clusterer;
  return {
    colors: result?.colors ?? new Uint32Array(run.data.X.rows).fill(UNASSIGNED_RGB),
    outlines: [],
    markers: [],
  };
}

/** The scatter panel's caption for a hard clusterer. */
export function clustererCaption(state: PlaygroundState, run: FitRun): string {
  const result = run.outcome?.clusterer;
  if (run.status === 'error') return 'The fit failed';
  if (!result) return `${nameOf(state)}: fitting in the worker...`;
  const noise =
    result.noise > 0 ? `, ${result.noise.toLocaleString('en-US')} noise rows (gray)` : '';
  const clusters = `${result.nClusters} cluster${result.nClusters === 1 ? '' : 's'}`;
  switch (result.kind) {
    case 'agglomerative':
      return `${nameOf(state)}: ${clusters}, cut ${state.cut === 'k' ? `into k = ${state.k}` : `at height ${state.height}`}`;
    case 'dbscan':
      return `DBSCAN: ${clusters}${noise}; core samples in full color, border rows lighter`;
    case 'optics':
      return `OPTICS: ${clusters} extracted at eps = ${formatNumber(result.eps)}${noise}`;
    case 'hdbscan':
      return `HDBSCAN: ${clusters}${noise}; the paler a point, the weaker its membership`;
    default:
      return assertUnreachable(result.kind, 'clusterer');
  }
}

function nameOf(state: PlaygroundState): string {
  switch (state.method) {
    case 'agglomerative':
      return `Agglomerative, ${state.linkage} linkage`;
    case 'dbscan':
      return 'DBSCAN';
    case 'optics':
      return 'OPTICS';
    case 'hdbscan':
      return 'HDBSCAN';
    default:
      return state.method;
  }
}

function formatNumber(value: number | undefined): string {
  return value === undefined ? '?' : Number(value.toPrecision(4)).toString();
}

/**
 * The clusterer's own figure, under its scatter: the dendrogram with its cut (press to cut
 * elsewhere), OPTICS' reachability plot with the extraction radius (press to move it), or
 * HDBSCAN's condensed tree. DBSCAN has none (undefined).
 */
export function renderClustererView(
  result: ClustererResult,
  width: number,
  context: ClustererViewContext,
): HTMLElement | undefined {
  const figure = (id: string, caption: string, hint: string, plot: SVGSVGElement) =>
    h(
      'figure',
      { class: 'trace clusterer-view', id },
      h('figcaption', {}, caption),
      plot,
      h('p', { class: 'hint' }, hint),
    );
  switch (result.kind) {
    case 'agglomerative': {
      const layout = result.dendrogram;
      if (!layout) return undefined;
      const truncated =
        layout.drawnMerges < layout.merges
          ? ` The top ${layout.drawnMerges} of ${layout.merges.toLocaleString('en-US')} merges; each leaf is a cluster of rows (ticks in its color).`
          : '';
      return figure(
        'dendrogram-panel',
        'Dendrogram: clusters merge bottom-up, each merge at the height of its linkage distance',
        `Cut by the dashed line: the branches under it are the clusters. Press in the figure to cut at that height.${truncated}`,
        renderDendrogram(layout, {
          width,
          height: 260,
          color: context.color,
          onCut: context.onCut,
        }),
      );
    }
    case 'optics': {
      const bars = result.reachability;
      if (!bars) return undefined;
      return figure(
        'reachability-panel',
        'Reachability plot: valleys are clusters',
        `Each bar is a row, in the order OPTICS visited them, as high as its distance to the denser rows before it. Clusters are the valleys under the dashed line (eps = ${formatNumber(bars.epsCluster)}; press in the figure to move it); the dotted line is the neighbourhood bound (${formatNumber(bars.maxEps)}).${bars.values.length < bars.rows ? ` ${bars.values.length} bars of ${bars.rows.toLocaleString('en-US')} rows (each the highest of its rows).` : ''}`,
        renderReachability(bars, {
          width,
          height: 240,
          color: context.color,
          onEps: context.onEps,
        }),
      );
    }
    case 'hdbscan': {
      const tree = result.condensedTree;
      if (!tree) return undefined;
      return figure(
        'condensed-tree-panel',
        'Condensed tree: clusters as the density threshold rises (λ = 1 / distance, downward)',
        `Each shape is a cluster, as wide as its rows; rows fall out as noise, and a cluster ends where it splits in two or runs out. Its area is its stability (persistence); the numbered, colored ones were selected (${context.state.selection === 'eom' ? 'excess of mass: the most stable set' : 'the leaves'}).${tree.clusters < tree.totalClusters ? ` The ${tree.clusters} largest of ${tree.totalClusters} clusters drawn.` : ''}`,
        renderCondensedTree(tree, { width, height: 280, color: context.color }),
      );
    }
    case 'dbscan':
      return undefined;
    default:
      return assertUnreachable(result.kind, 'clusterer');
  }
}
