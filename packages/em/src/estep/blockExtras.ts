/** What `normalizeBlock` reads and writes besides the block. */
export interface BlockExtras {
  /** n x k log prior probabilities added to each row (semi-supervised fits). */
  readonly logPriors?: Float64Array | undefined;
  /** Per-row weights: responsibilities and the objective are multiplied by them. */
  readonly sampleWeight?: Float64Array | undefined;
  /** Per-component running sums of the (weighted) responsibilities. */
  readonly totals?: Float64Array | undefined;
  /** Receives each row's mixture log-likelihood at its row index. */
  readonly rowScores?: Float64Array | undefined;
  /**
   * Only the rows' log-likelihoods are wanted (a fit's final scoring pass): nobody reads the
   * block's responsibilities or `totals` afterwards, so a block in kernel memory skips computing
   * them (`thresholdedLogSumExpRows`); the log-likelihoods are the same bits.
   */
  readonly scoreOnly?: boolean;
  /** Zero responsibilities below `negligibleResponsibility` of the row's best component. */
  readonly skipNegligible?: boolean;
  /**
   * Hard (classification) E-step: each row goes wholly to its most probable component (ties to
   * the lowest index), and its score is the classification log-likelihood log(π_z f_z(x)) of
   * that component instead of the mixture's (Celeux & Govaert 1992, CEM's C-step). No `exp`.
   */
  readonly hard?: boolean;
}
