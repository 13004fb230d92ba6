/**
 * The rows a pass explains worst: row indices and their mixture log-likelihoods, ordered by
 * score (lowest first), ties by row index. What re-seeding an empty or degenerate component
 * reads (`reseedStats`), so a pass never has to send back a value per row: each shard sends
 * its own few worst rows and the fit keeps the lowest of them.
 */
export interface WorstRows {
  /** Row indices (within the shard in a shard's output; of the fit after the merge). */
  readonly rows: Int32Array;
  /** Each row's mixture log-likelihood (the pass's row score). */
  readonly scores: Float64Array;
  /**
   * Each row's values (rows.length x d, row-major) when the pass was asked for them: a fit whose
   * rows live with the executor's workers re-seeds from these. Undefined otherwise.
   */
  readonly values?: Float64Array | undefined;
}

/**
 * The re-seeding candidates one pass needs: an M-step re-seeds at most twice per component
 * (an empty component, then the same component degenerate), each time with a row not used yet.
 */
export function worstRowsWanted(k: number): number {
  return 2 * k;
}

/**
 * The `count` lowest-scored rows of positive weight among rows [start, end) of `scores`, as
 * offsets from `start`, ordered as `WorstRows` says: exactly the rows, in order, that repeated
 * scans for the lowest score (first index on ties) skipping the rows already taken would pick.
 * An insertion into a sorted list of at most `count` entries per row that qualifies.
 */
export function selectWorstRows(
  scores: Float64Array,
  start: number,
  end: number,
  sampleWeight: Float64Array | undefined,
  count: number,
): WorstRows {
  const rows = new Int32Array(count);
  const kept = new Float64Array(count);
  return exact(rows, kept, insertWorst(scores, start, end, sampleWeight, rows, kept));
}

/**
 * `selectWorstRows`' scan: fills `rows` and `kept` (their length is the count wanted) and returns
 * how many it kept. Its own function, ending right after the loop: in a fresh process V8
 * compiles the loop on-stack, and code after it that had not run yet de-optimised that code.
 */
function insertWorst(
  scores: Float64Array,
  start: number,
  end: number,
  sampleWeight: Float64Array | undefined,
  rows: Int32Array,
  kept: Float64Array,
): number {
  const count = rows.length;
  let size = 0;
  for (let i = start; i < end; i++) {
    if (sampleWeight !== undefined && !(sampleWeight[i] > 0)) continue;
    const score = scores[i];
    // Rows come in index order, so a tie ranks after the kept row: only a lower score enters.
    if (size === count && !(score < kept[size - 1])) continue;
    let at = size < count ? size++ : size - 1;
    while (at > 0 && score < kept[at - 1]) {
      kept[at] = kept[at - 1];
      rows[at] = rows[at - 1];
      at--;
    }
    kept[at] = score;
    rows[at] = i - start;
  }
  return size;
}

/**
 * The `count` worst rows of the fit from each shard's worst rows (`perShard[s]` covers rows
 * from `s * shardRows`, undefined when the shard sent none): the lowest scores, ties to the
 * lower row index, so the same rows in the same order as one scan over every row's score.
 */
export function mergeWorstRows(
  perShard: readonly (WorstRows | undefined)[],
  shardRows: number,
  count: number,
): WorstRows {
  const rows = new Int32Array(count);
  const kept = new Float64Array(count);
  // Where each kept entry came from (shard, position), to carry the rows' values along.
  const from = new Int32Array(2 * count);
  let size = 0;
  for (const [s, shard] of perShard.entries()) {
    if (shard === undefined) continue;
    for (let j = 0; j < shard.rows.length; j++) {
      const score = shard.scores[j];
      // Shards come in row order and each in rank order, so again only a lower score enters.
      if (size === count && !(score < kept[size - 1])) break;
      let at = size < count ? size++ : size - 1;
      while (at > 0 && score < kept[at - 1]) {
        kept[at] = kept[at - 1];
        rows[at] = rows[at - 1];
        from[2 * at] = from[2 * at - 2];
        from[2 * at + 1] = from[2 * at - 1];
        at--;
      }
      kept[at] = score;
      rows[at] = s * shardRows + shard.rows[j];
      from[2 * at] = s;
      from[2 * at + 1] = j;
    }
  }
  const merged = exact(rows, kept, size);
  return { ...merged, values: mergedValues(perShard, from, size) };
}

/** The kept rows' values, in their order, when every shard that sent rows sent their values. */
function mergedValues(
  perShard: readonly (WorstRows | undefined)[],
  from: Int32Array,
  size: number,
): Float64Array | undefined {
  let d = -1;
  for (const shard of perShard) {
    if (shard === undefined || shard.rows.length === 0) continue;
    if (shard.values === undefined) return undefined;
    d = shard.values.length / shard.rows.length;
  }
  if (d < 0) return undefined;
  const values = new Float64Array(size * d);
  for (let at = 0; at < size; at++) {
    const shard = perShard[from[2 * at]];
    const j = from[2 * at + 1];
    if (shard?.values === undefined) return undefined;
    values.set(shard.values.subarray(j * d, (j + 1) * d), at * d);
  }
  return values;
}

/** The first `size` entries as arrays of their own (a shard's output crosses processes whole). */
function exact(rows: Int32Array, scores: Float64Array, size: number): WorstRows {
  return size === rows.length
    ? { rows, scores }
    : { rows: rows.slice(0, size), scores: scores.slice(0, size) };
}

/** No rows to re-seed from (a pass over chunks that are gone): a constant, length 0. */
export const NO_WORST_ROWS: WorstRows = { rows: new Int32Array(0), scores: new Float64Array(0) };
