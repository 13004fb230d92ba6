/** Doubles of the packed panel of pairs (z0, z1, v0, v1 per pair, v = w·z): an L1-sized block. */
const PANEL_DOUBLES = 4096;
/** At most this many pairs per panel (small d). */
const MAX_PANEL_PAIRS = 64;

/**
 * The generic JavaScript loop of `shiftedMoments`' full scatter (any d; the unrolled loops serve
 * d ≤ 24): the same operations in the same order as those loops and as dense.wat's `momentsFull`,
 * so the bits are the same on every path. Non-zero-weight rows are taken two at a time (a lone
 * last row pairs with itself at weight 0), z = x − s, v = w·z, total += w0 + w1,
 * c += v0 + v1 and S[a][b] += v0_a·z0_b + v1_a·z1_b.
 *
 * Like the WebAssembly kernel it packs the pairs' rows into a panel and then walks S in tiles of
 * 2 x 4 entries (rows a, a + 1; four columns), each tile's 8 sums in locals over all of the
 * panel's pairs in order: 12 loads per 16 multiply-adds, where one entry at a time over a pair
 * took 3 loads and a store per 2 (about 2x faster at d = 32 to 128). Tile entries above the diagonal
 * are summed into S's upper triangle, which the finish overwrites. Returns W (the caller has found a
 * non-zero weight).
 */
export function tiledFullMoments(
  data: Float64Array,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  shift: number,
  mean: Float64Array,
  scatter: Float64Array,
): number {
  const d = mean.length;
  const pairsPerPanel = Math.max(1, Math.min(MAX_PANEL_PAIRS, Math.floor(PANEL_DOUBLES / (4 * d))));
  // Per call of a pass over a block of rows (no module state, so concurrent fits never share
  // it): s | c (d each), then the panel, per pair z0 | z1 | v0 | v1 (4d).
  const sums = new Float64Array(2 * d);
  const panel = new Float64Array(pairsPerPanel * 4 * d);
  for (let a = 0; a < d; a++) sums[a] = data[shift * d + a];
  scatter.fill(0);
  let total = 0;
  let pairs = 0;
  let i = start;
  let o = weightOffset;
  for (;;) {
    while (i < end && weights[o] === 0) {
      i++;
      o += weightStride;
    }
    if (i >= end) break;
    const w0 = weights[o];
    const x0 = i * d;
    i++;
    o += weightStride;
    while (i < end && weights[o] === 0) {
      i++;
      o += weightStride;
    }
    let w1 = 0;
    let x1 = x0;
    if (i < end) {
      w1 = weights[o];
      x1 = i * d;
      i++;
      o += weightStride;
    }
    total += w0 + w1;
    const p = pairs * 4 * d;
    for (let a = 0; a < d; a++) {
      const za = data[x0 + a] - sums[a];
      const ya = data[x1 + a] - sums[a];
      const va = w0 * za;
      const ua = w1 * ya;
      panel[p + a] = za;
      panel[p + d + a] = ya;
      panel[p + 2 * d + a] = va;
      panel[p + 3 * d + a] = ua;
      sums[d + a] += va + ua;
    }
    pairs++;
    if (pairs === pairsPerPanel) {
      addPanel(panel, pairs, d, scatter);
      pairs = 0;
    }
  }
  if (pairs > 0) addPanel(panel, pairs, d, scatter);
  for (let a = 0; a < d; a++) mean[a] = sums[a] + sums[d + a] / total;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const value = scatter[a * d + b] - (sums[d + a] / total) * sums[d + b];
      scatter[a * d + b] = value;
      scatter[b * d + a] = value;
    }
  }
  return total;
}

/**
 * S[a][b] += v0_a·z0_b + v1_a·z1_b over the panel's `pairs` pairs in order (pair p: z0 at p·4d,
 * z1 at p·4d + d, v0 at p·4d + 2d, v1 at p·4d + 3d), for every b ≤ a + 1 of each pair of rows
 * (a, a + 1) of S (b ≤ a for a last odd a).
 */
function addPanel(panel: Float64Array, pairs: number, d: number, S: Float64Array): void {
  const pairLength = 4 * d;
  const last = pairs * pairLength;
  const v0 = 2 * d;
  const v1 = 3 * d;
  let a = 0;
  for (; a + 1 < d; a += 2) {
    const sa = a * d;
    const sb = sa + d;
    let b = 0;
    for (; b + 3 <= a + 1; b += 4) {
      let s00 = S[sa + b];
      let s01 = S[sa + b + 1];
      let s02 = S[sa + b + 2];
      let s03 = S[sa + b + 3];
      let s10 = S[sb + b];
      let s11 = S[sb + b + 1];
      let s12 = S[sb + b + 2];
      let s13 = S[sb + b + 3];
      for (let r = 0; r < last; r += pairLength) {
        const z0 = panel[r + b];
        const z1 = panel[r + b + 1];
        const z2 = panel[r + b + 2];
        const z3 = panel[r + b + 3];
        const y0 = panel[r + d + b];
        const y1 = panel[r + d + b + 1];
        const y2 = panel[r + d + b + 2];
        const y3 = panel[r + d + b + 3];
        const p = panel[r + v0 + a];
        const q = panel[r + v1 + a];
        const pb = panel[r + v0 + a + 1];
        const qb = panel[r + v1 + a + 1];
        s00 += p * z0 + q * y0;
        s01 += p * z1 + q * y1;
        s02 += p * z2 + q * y2;
        s03 += p * z3 + q * y3;
        s10 += pb * z0 + qb * y0;
        s11 += pb * z1 + qb * y1;
        s12 += pb * z2 + qb * y2;
        s13 += pb * z3 + qb * y3;
      }
      S[sa + b] = s00;
      S[sa + b + 1] = s01;
      S[sa + b + 2] = s02;
      S[sa + b + 3] = s03;
      S[sb + b] = s10;
      S[sb + b + 1] = s11;
      S[sb + b + 2] = s12;
      S[sb + b + 3] = s13;
    }
    for (; b <= a + 1; b++) {
      let s0 = S[sa + b];
      let s1 = S[sb + b];
      for (let r = 0; r < last; r += pairLength) {
        const z = panel[r + b];
        const y = panel[r + d + b];
        s0 += panel[r + v0 + a] * z + panel[r + v1 + a] * y;
        s1 += panel[r + v0 + a + 1] * z + panel[r + v1 + a + 1] * y;
      }
      S[sa + b] = s0;
      S[sb + b] = s1;
    }
  }
  if (a < d) {
    const sa = a * d;
    for (let b = 0; b <= a; b++) {
      let s0 = S[sa + b];
      for (let r = 0; r < last; r += pairLength) {
        s0 += panel[r + v0 + a] * panel[r + b] + panel[r + v1 + a] * panel[r + d + b];
      }
      S[sa + b] = s0;
    }
  }
}
