// density-clustering 1.3.0 ships no types; the two classes the cluster suite uses.
declare module 'density-clustering' {
  class DBSCAN {
    /** Clusters as lists of row indices; rows in no cluster are in `noise`. */
    run(dataset: number[][], epsilon: number, minPts: number): number[][];
    noise: number[];
  }
  class OPTICS {
    run(dataset: number[][], epsilon: number, minPts: number): number[][];
  }
  /** A CommonJS module: Node's ESM loader gives only its default export. */
  const densityClustering: { DBSCAN: typeof DBSCAN; OPTICS: typeof OPTICS };
  export default densityClustering;
}
