// skmeans 0.11.3 ships no types; this declares the one call the harness makes.
declare module 'skmeans' {
  interface SkmeansResult {
    /** Iterations run. */
    it: number;
    k: number;
    idxs: number[];
    centroids: number[][];
  }
  function skmeans(
    data: number[][],
    k: number,
    initial?: number[][] | 'kmrand' | 'kmpp' | null,
    maxIterations?: number,
  ): SkmeansResult;
  export default skmeans;
}
