/**
 * The reduced distance an index ranks by: the squared Euclidean distance (no square root per
 * pair; also used for cosine on unit rows) or the Manhattan sum itself. Both are monotone in the
 * true distance, so ranks and radius tests agree with it.
 */
export type ReducedKind = 'squared-euclidean' | 'manhattan';
