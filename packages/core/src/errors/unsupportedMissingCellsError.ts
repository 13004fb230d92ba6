import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.UnsupportedMissingCellsError';
const symbol = Symbol.for(marker);

/**
 * Thrown when data with missing cells (a fit or model with `missing: 'marginalize'`) meets a
 * component family that cannot marginalise them: it has no `missingCells` treatment (e.g. a
 * multinomial, whose row total is unknown when a count is missing, or a von Mises–Fisher, whose
 * unit vectors have no marginal of closed form). `family` names it.
 */
export class UnsupportedMissingCellsError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;
  /** The `kind` of the family (or the part of it, e.g. a product's block) that cannot. */
  readonly family: string;
  /** Why, in the family's words. */
  readonly detail: string;

  constructor(family: string, detail = 'the family has no missing-cell treatment') {
    super('UnsupportedMissingCellsError', `${family} cannot handle missing cells: ${detail}`);
    this.family = family;
    this.detail = detail;
  }

  static override isInstance(error: unknown): error is UnsupportedMissingCellsError {
    return MixkitError.hasMarker(error, marker);
  }
}
