/** `mixkit fit` options as commander hands them over (strings and string lists). */
export interface RawFitOptions {
  readonly k: string;
  readonly criterion: string;
  readonly algo: string;
  readonly covariance: string;
  readonly select: string;
  readonly gaussian?: string[];
  readonly t?: string[];
  readonly vmf?: string[];
  readonly poisson?: string[];
  readonly bernoulli?: string[];
  readonly counts?: string[];
  readonly categorical?: string[];
  readonly ignore?: string[];
  readonly label?: string;
  readonly seed: string;
  readonly maxIterations?: string;
  readonly tolerance?: string;
  readonly nInit: string;
  readonly workers?: string;
  readonly regCovar?: string;
  readonly weightPrior: string;
  readonly weightConcentration?: string;
  readonly prune: boolean;
  readonly linkage: string;
  readonly height?: string;
  readonly metric: string;
  readonly eps?: string;
  readonly epsCluster?: string;
  readonly minPts: string;
  readonly clusterSelection: string;
  readonly proba: boolean;
  readonly scores: boolean;
  readonly json: boolean;
  readonly decimal: string;
  readonly na?: string[];
  readonly missing: string;
  readonly outOfCore: string;
  readonly memoryLimit?: string;
  readonly spillDir?: string;
  /** False with `--no-spill`. */
  readonly spill: boolean;
  readonly delimiter?: string;
  readonly labelsOut?: string;
  readonly modelOut?: string;
}
