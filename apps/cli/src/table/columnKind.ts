/**
 * How the CLI models one column:
 * - `gaussian`: real numbers, modelled jointly by a Gaussian with the chosen covariance;
 * - `t`: real numbers with outliers, modelled jointly by a Student t (full or diagonal scale,
 *   degrees of freedom learned per component);
 * - `vmf`: directions, modelled jointly by a von Mises-Fisher distribution (each row of these
 *   columns is divided by its length first, so only its direction counts);
 * - `poisson`: non-negative integer counts, one independent Poisson per column;
 * - `bernoulli`: 0/1 values, one independent Bernoulli per column;
 * - `counts`: non-negative integer counts modelled jointly as one multinomial (bag of words);
 * - `categorical`: any text or numbers, treated as unordered levels.
 */
export type ColumnKind =
  | 'gaussian'
  | 't'
  | 'vmf'
  | 'poisson'
  | 'bernoulli'
  | 'counts'
  | 'categorical';

/** Every kind, in the order their blocks appear in the encoded matrix. */
export const columnKinds: readonly ColumnKind[] = [
  'gaussian',
  't',
  'vmf',
  'poisson',
  'bernoulli',
  'counts',
  'categorical',
];

/** One modelled column: where it is in the file, how it is modelled, and its levels if any. */
export interface ColumnPlan {
  readonly name: string;
  /** 0-based index in the input file's header. */
  readonly sourceIndex: number;
  readonly kind: ColumnKind;
  /** True when the kind was inferred from the values rather than given on the command line. */
  readonly inferred: boolean;
  /** Categorical levels; the code of a value is its index here. */
  readonly levels?: readonly string[];
}
