import { munkres } from 'munkres';
import { buildContingency, type SparseContingency } from './contingency.js';

/** The best one-to-one matching of predicted clusters to true classes. */
export interface ClusterMatching {
  /** Fraction of rows whose cluster is matched to their class: `nCorrect / n`. */
  readonly accuracy: number;
  /** Number of rows whose cluster is matched to their class. */
  readonly nCorrect: number;
  /**
   * Predicted label -> matched true label. Clusters left over (more clusters than classes, or
   * sharing no row with any free class) are absent.
   */
  readonly mapping: ReadonlyMap<number, number>;
}

/**
 * Matches predicted clusters to true classes one-to-one so that as many rows as possible agree
 * (the Hungarian algorithm on the contingency table, Kuhn 1955, via `munkres`), as the
 * "clustering accuracy" of the deep-clustering literature and `scipy.optimize.linear_sum_assignment`
 * on `-contingency`.
 *
 * The bipartite graph of non-zero cells is first split into connected components, which can be
 * matched independently (a pair across components shares no row and gains nothing); so "every
 * point its own cluster" costs O(n), not an n x n assignment problem.
 */
export function matchClusters(
  labelsTrue: ArrayLike<number>,
  labelsPred: ArrayLike<number>,
): ClusterMatching {
  const table = buildContingency(labelsTrue, labelsPred);
  const nRows = table.classes.length;
  const cells = table.cellCount.length;
  const components = connectedComponents(table);
  // Group cells by component (counting sort), so each component's table is built from its cells.
  const start = new Int32Array(components.count + 1);
  for (let t = 0; t < cells; t++) start[components.ofRow[table.cellRow[t]] + 1] += 1;
  for (let c = 0; c < components.count; c++) start[c + 1] += start[c];
  const order = new Int32Array(cells);
  const fill = start.slice(0, components.count);
  for (let t = 0; t < cells; t++) order[fill[components.ofRow[table.cellRow[t]]]++] = t;

  const mapping = new Map<number, number>();
  let nCorrect = 0;
  const localRow = new Int32Array(nRows).fill(-1);
  const localCol = new Int32Array(table.clusters.length).fill(-1);
  for (let c = 0; c < components.count; c++) {
    if (start[c + 1] - start[c] === 1) {
      // A lone cell (one class, one cluster sharing rows only with each other): match them.
      const t = order[start[c]];
      nCorrect += table.cellCount[t];
      mapping.set(table.clusters[table.cellColumn[t]], table.classes[table.cellRow[t]]);
      continue;
    }
    const rows: number[] = [];
    const cols: number[] = [];
    for (let k = start[c]; k < start[c + 1]; k++) {
      const t = order[k];
      const i = table.cellRow[t];
      const j = table.cellColumn[t];
      if (localRow[i] === -1) localRow[i] = rows.push(i) - 1;
      if (localCol[j] === -1) localCol[j] = cols.push(j) - 1;
    }
    // Negated counts: munkres minimises cost; zero cells cost 0 (no gain).
    const cost: Float64Array[] = [];
    for (let r = 0; r < rows.length; r++) cost.push(new Float64Array(cols.length));
    for (let k = start[c]; k < start[c + 1]; k++) {
      const t = order[k];
      cost[localRow[table.cellRow[t]]][localCol[table.cellColumn[t]]] = -table.cellCount[t];
    }
    for (const [r, q] of munkres(cost)) {
      const gain = -cost[r][q];
      if (gain > 0) {
        nCorrect += gain;
        mapping.set(table.clusters[cols[q]], table.classes[rows[r]]);
      }
    }
  }
  return { accuracy: nCorrect / table.nSamples, nCorrect, mapping };
}

/** Union-find over classes and clusters joined by non-zero cells; components are numbered 0.. */
function connectedComponents(table: SparseContingency): { count: number; ofRow: Int32Array } {
  const nRows = table.classes.length;
  const parent = new Int32Array(nRows + table.clusters.length);
  for (let v = 0; v < parent.length; v++) parent[v] = v;
  const find = (v: number): number => {
    let root = v;
    while (parent[root] !== root) root = parent[root];
    while (parent[v] !== root) {
      const next = parent[v];
      parent[v] = root;
      v = next;
    }
    return root;
  };
  for (let t = 0; t < table.cellCount.length; t++) {
    const a = find(table.cellRow[t]);
    const b = find(nRows + table.cellColumn[t]);
    if (a !== b) parent[a] = b;
  }
  // Every class has a non-zero cell, so numbering the classes' roots numbers every component.
  const idOfRoot = new Int32Array(parent.length).fill(-1);
  const ofRow = new Int32Array(nRows);
  let count = 0;
  for (let i = 0; i < nRows; i++) {
    const root = find(i);
    if (idOfRoot[root] === -1) idOfRoot[root] = count++;
    ofRow[i] = idOfRoot[root];
  }
  return { count, ofRow };
}
