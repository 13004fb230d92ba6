import type { FitWarning } from './fitResult.js';
import type { JsonValue, Versioned } from './json.js';
import type { Matrix } from './matrix.js';
import type { RandomSource } from './random.js';

/**
 * A family's parameters in JSON form: `{kind, version, ...}` where `kind` is the family's kind.
 * Round-tripping through `paramsToJSON`/`paramsFromJSON` must give bit-identical log-densities.
 */
export type SerializedParams = Versioned & { readonly [key: string]: JsonValue };

/** A family's own configuration in JSON form, enough (with a registry) to rebuild the family. */
export interface FamilySpec {
  /** The family's kind, the key under which a registry finds its factory (e.g. `'poisson'`). */
  readonly kind: string;
  /** The options the family was created with, passed back to the factory. */
  readonly options: JsonValue;
}

/**
 * How a family that handles missing cells treats them (`ComponentFamily.missingCells`). Either
 * way the missing cells are marginalised out of the row's likelihood (missing at random); the
 * two differ in what `accumulate` adds for them:
 * - `'marginal'`: the cells are left out. The family's columns are independent given the
 *   component (Poisson, categorical, Bernoulli, exponential, gamma, log-normal, products of
 *   such), so the observed-data likelihood of the component is a product over observed cells
 *   and the M-step maximises it directly: each column's estimate reads only the rows where that
 *   column is observed (the statistics keep per-column weights). `current` is not needed.
 * - `'conditional'`: the missing coordinates are latent variables of the E-step (Ghahramani &
 *   Jordan 1994, "Supervised learning from incomplete data via an EM approach", §3): under the
 *   component's `current` parameters, the row's missing coordinates are replaced by their
 *   conditional expectation given the observed ones, and the second-moment statistics get the
 *   conditional covariance added (the M-step's covariance correction). The Gaussians do this;
 *   it needs `current`.
 * - `'mixed'`: some columns one way, some the other (a product of `'marginal'` and
 *   `'conditional'` blocks); it needs `current`.
 */
export type MissingCellTreatment = 'marginal' | 'conditional' | 'mixed';

/**
 * The contract of a mixture component family, built on sufficient statistics
 * (after pomegranate's `summarize`/`from_summaries`, with the statistics as explicit values).
 *
 * A family knows nothing of EM. The EM runner, k-means seeding and the conformance kit only ever
 * call these members. All batched members work on a row range `[start, end)` of a row-major
 * matrix and read or write a strided column of a caller-supplied buffer: entry `i` of the range
 * lives at `buffer[offset + (i - start) * stride]`. With a row-major n x k buffer, component `k`
 * uses `offset = k, stride = K`, so a runner needs no per-component allocation and can work block
 * by block while the block is in cache.
 *
 * - `Params` are immutable and carry their own caches (Cholesky factors, log-normalisers).
 * - `Stats` are plain values (typed arrays and numbers): linear in the weights, so they can be
 *   summed (`merge`) and scaled (`scale`) across chunks, workers, streams and online updates.
 *
 * @typeParam Params - the fitted parameters of one component
 * @typeParam Stats - the weighted sufficient statistics of one component
 */
export interface ComponentFamily<Params, Stats> {
  /** Stable identifier, e.g. `'gaussian-full'`, `'poisson'`; the `kind` of serialized params. */
  readonly kind: string;

  /** The configuration the family was built with (regularisation, pseudocounts, levels...). */
  spec(): FamilySpec;

  /**
   * Declares that the family handles missing cells, and how (`MissingCellTreatment`). Absent:
   * it does not, and runners refuse data with missing cells for it with core's
   * `UnsupportedMissingCellsError` naming its kind (its `validate` should throw the same).
   *
   * Missing cells are NaN entries of a matrix that carries `missingRows` (built by
   * `toMatrix(X, { missing: 'marginalize' })`, or passed along from one); only the rows it marks
   * hold any. When the member is present:
   * - `validate` accepts NaN in marked rows (every observed cell is still checked);
   * - `logDensity` gives a marked row the log-density of its observed cells, the missing ones
   *   integrated (summed) out; a row with every cell missing gets exactly 0;
   * - `accumulate` adds a marked row as the treatment says. A `'conditional'` (or `'mixed'`)
   *   family needs `current` for it and throws `InvalidInputError` without: runners fit their initial
   *   statistics on data with each missing cell filled in (EM's own passes always pass
   *   `current`).
   *
   * Unmarked rows take the family's ordinary path, so complete data costs the same.
   */
  readonly missingCells?: MissingCellTreatment;

  /**
   * Checks that every row of `X` lies in the family's support and has a column count the family
   * can read. Throws `InvalidInputError` naming the argument, row, column and value.
   * Called once per data set by runners, never inside iterations. NaN is accepted only in the
   * rows `X.missingRows` marks, and only by a family with `missingCells`; one without throws
   * `UnsupportedMissingCellsError` for such data.
   */
  validate(X: Matrix, argument?: string): void;

  /** Empty (all-zero) statistics for data with `dimension` columns. */
  createStats(dimension: number): Stats;

  /**
   * Adds rows `[start, end)` of `X`, row `i` weighted by
   * `weights[weightOffset + (i - start) * weightStride]`, into `stats`, and returns `stats`.
   * Rows of weight 0 contribute nothing (runners zero negligible responsibilities to skip work).
   * Does not validate the data: runners call `validate` once beforehand.
   *
   * `current` is the component's parameters under which `weights` were computed: an EM runner
   * passes the parameters of its E-step, always, for every family. A family with per-row latent
   * variables reads them to form its E-step expectations (the Student-t's scale
   * u = (ν + d)/(ν + δ²), with δ² the row's Mahalanobis distance under `current`); every other
   * family ignores the argument. It is undefined where no parameters exist yet (the M-step from
   * a hard initial assignment, statistics of the whole data for re-seeding), and such a family
   * then accumulates at a documented default of its latent variables (the Student-t: u = 1, the
   * Gaussian limit). Statistics accumulated under different `current` parameters stay mergeable
   * (online EM blends them), so the latent expectations must enter them as weighted sums.
   */
  accumulate(
    stats: Stats,
    X: Matrix,
    start: number,
    end: number,
    weights: Float64Array,
    weightOffset: number,
    weightStride: number,
    current?: Params,
  ): Stats;

  /** Adds `source` into `target` and returns `target`: statistics of the union of the rows. */
  merge(target: Stats, source: Stats): Stats;

  /** Multiplies `stats` by `factor` in place and returns it (as if every weight were scaled). */
  scale(stats: Stats, factor: number): Stats;

  /** The total weight accumulated into `stats`. */
  totalWeight(stats: Stats): number;

  /**
   * The M-step: maximum-likelihood (or MAP, when the family was built with a prior or
   * pseudocounts) parameters for the statistics. Throws `DegenerateComponentError` when the
   * statistics admit no proper parameters (zero weight, singular covariance...). Never
   * returns parameters containing NaN.
   *
   * `previous` is the component's parameters before this M-step (those its E-step used), which
   * runners pass on every iteration and leave undefined at initialisation and when re-seeding.
   * Most families ignore it. An M-step that has no closed form and iterates (mclust's VEI, EVE,
   * VVE...; conditional maximisation steps) starts its inner iterations from it, and may carry
   * the state they ended in inside the parameters it returns (as parameters carry their
   * Cholesky caches), so every fit and every restart starts fresh.
   */
  estimate(stats: Stats, previous?: Params): Params;

  /**
   * Optional M-step over all components of this family at once, for parameters shared across
   * components (e.g. a tied covariance). `stats[j]` is the j-th component of this family in
   * mixture order; the result is in the same order. Runners call it instead of `estimate`
   * when present. `previous[j]` is component j's parameters before this M-step, as for
   * `estimate` (undefined as a whole at initialisation).
   */
  estimateAll?(stats: readonly Stats[], previous?: readonly Params[]): Params[];

  /**
   * Writes the log-density of rows `[start, end)` of `X` to
   * `out[outOffset + (i - start) * outStride]` and returns `out`. Writes nothing else.
   * A row outside the support gets `-Infinity` (not NaN, not an exception).
   */
  logDensity(
    params: Params,
    X: Matrix,
    start: number,
    end: number,
    out: Float64Array,
    outOffset: number,
    outStride: number,
  ): Float64Array;

  /**
   * Draws `n` rows into `out` (row-major, `dimension(params)` columns) starting at row
   * `outRow`, allocating an n-row buffer when `out` is omitted; returns the buffer.
   */
  sample(
    params: Params,
    n: number,
    random: RandomSource,
    out?: Float64Array,
    outRow?: number,
  ): Float64Array;

  /** Number of data columns these parameters describe. */
  dimension(params: Params): number;

  /** Free parameters of one component, excluding shared ones (for BIC/AIC). */
  nParameters(params: Params): number;

  /**
   * Free parameters shared by all components of this family in a mixture (e.g. a tied
   * covariance), counted once per mixture. Absent means 0.
   */
  nSharedParameters?(params: Params): number;

  /** JSON form of `params`, with `kind` and a format `version`. */
  paramsToJSON(params: Params): SerializedParams;

  /** Inverse of `paramsToJSON`; throws `InvalidInputError` on a malformed document. */
  paramsFromJSON(json: SerializedParams): Params;

  /**
   * Present (`true`) when `Params` are plain data: objects and arrays of numbers and of
   * `Float64Array`s that own their buffers (never views into larger memory such as a kernel
   * memory), with every cache they carry already computed, so that a structured clone is an
   * equal, usable copy. Executors then post a pass's parameters to their workers as they are,
   * and the workers use the clone, instead of `paramsToJSON` in the fit's thread and
   * `paramsFromJSON` (parsing, checking, refactoring) in every worker at every pass: serial
   * time each pass waits for (issue 17). The bits are the fit thread's own. Absent: the JSON
   * form is posted.
   */
  readonly plainParams?: true;

  /**
   * Optional: the log density of the prior the M-step assumes (up to a constant), for a family
   * whose `estimate` is a MAP estimate (pseudocounts, a Beta or Dirichlet prior). `estimate`
   * maximises the weighted log-likelihood plus this term, so runners add it to the objective
   * they report, which then never decreases. Absent means maximum likelihood (no prior).
   */
  logPrior?(params: Params): number;

  /**
   * Optional: throws `InvalidInputError` naming `argument` unless `value` has the shape of
   * this family's parameters (e.g. a diagonal Gaussian's `variances`), so parameters of another
   * family given to a runner (`init: {kind: 'params'}`) fail with a typed error up front rather
   * than a TypeError deep inside `logDensity`.
   */
  checkParams?(value: unknown, argument: string): void;

  /**
   * Optional: the family to fit one data set with, given that data's statistics (all rows, with
   * their sample weights), for a family whose settings are relative to the data (a Gaussian's
   * `regCovar: {relative}` becomes absolute per column). Runners call it once per fit before
   * initialising, fit with the family it returns (and save that one), and report its
   * warnings (e.g. a regularisation that swamps a column) in the fit's diagnostics.
   */
  forData?(stats: Stats): FamilyForData<Params, Stats>;

  /**
   * Optional, beside `forData`: its answer from the data's column ranges alone (`DataRanges`:
   * rows of weight 1, no missing cells), when they settle it, else undefined. Runners that
   * know the ranges (data from `prepareData` of `@mixkit/linalg`) ask this first and, when it
   * answers, skip the pass over the data that `forData`'s statistics cost. Wherever it answers
   * it must agree with `forData` on the statistics of the same rows (the conformance kit
   * checks this): the same family and the same warnings. A wrapper that spreads a family and
   * replaces `forData` must replace or drop this member too.
   */
  forDataRanges?(ranges: DataRanges): FamilyForData<Params, Stats> | undefined;
}

/**
 * What `ComponentFamily.forDataRanges` reads: the shape of a data set whose rows all weigh 1
 * and have no missing cells, and each column's range (as `PreparedData` records them).
 */
export interface DataRanges {
  /** Rows of the data, each of weight 1. */
  readonly rows: number;
  /** Smallest value of each column. */
  readonly columnMin: Float64Array;
  /** Largest value of each column. */
  readonly columnMax: Float64Array;
}

/** What `ComponentFamily.forData` returns. */
export interface FamilyForData<Params, Stats> {
  /**
   * The family to fit with, when it is not this one (a data-relative setting was resolved).
   * Absent means this very family, so a wrapper built by spreading a family's members keeps
   * being the one that runs.
   */
  readonly family?: ComponentFamily<Params, Stats>;
  /** What the data showed about the settings (e.g. a regularisation that swamps a column). */
  readonly warnings: readonly FitWarning[];
}

/**
 * Rebuilds a family from its `spec()`, e.g. when a saved model is loaded. `@mixkit/distributions`
 * provides one over its registry of shipped families (`familyFromSpec`); wrap it to add your own.
 */
export type FamilyResolver = (spec: FamilySpec) => AnyComponentFamily;

/** A family with its type parameters erased, as held in heterogeneous lists. */
// biome-ignore lint/suspicious/noExplicitAny: the erased form is what lets a list hold families of different parameter types; each member is only ever called with values the same family produced.
export type AnyComponentFamily = ComponentFamily<any, any>;

/** The parameter type of a family. */
export type ParamsOf<F> = F extends ComponentFamily<infer P, unknown> ? P : never;

/** The statistics type of a family. */
export type StatsOf<F> = F extends ComponentFamily<unknown, infer S> ? S : never;
