import { InvalidInputError } from '@mixkit/core';
import { type DecimalMark, parseCommaNumber, parseNumber } from './parseNumber.js';

/** How the cells of a table are read. */
export interface CellOptions {
  /** The decimal mark of the numbers (default `'.'`). */
  readonly decimal?: DecimalMark;
  /**
   * The texts that mean "no value" (after trimming). Default `['', 'NA']`: an empty cell, and R's
   * and pandas' marker. A missing cell is NaN in an encoded matrix and is counted per column.
   */
  readonly missing?: readonly string[];
}

/** The tokens `CellOptions.missing` defaults to. */
export const defaultMissingTokens: readonly string[] = ['', 'NA'];

/**
 * Reads cells by one set of `CellOptions`: `read(text)` is a finite number for a number, NaN
 * for a missing-value token, and undefined for any other text.
 */
export class CellReader {
  /** The decimal mark numbers are read with. */
  readonly decimal: DecimalMark;
  /** The missing-value tokens, in the order given. */
  readonly missingTokens: readonly string[];
  private readonly missing: ReadonlySet<string>;

  constructor(options: CellOptions = {}) {
    const decimal = options.decimal ?? '.';
    if (decimal !== '.' && decimal !== ',') {
      throw new InvalidInputError(
        { argument: 'decimal', value: String(decimal) },
        "expected '.' or ','",
      );
    }
    this.decimal = decimal;
    this.missingTokens = [...(options.missing ?? defaultMissingTokens)];
    this.missing = new Set(this.missingTokens);
  }

  /** A number, NaN for a missing-value token, undefined for text. */
  read(text: string): number | undefined {
    if (this.missing.has(text)) return Number.NaN;
    return this.decimal === '.' ? parseNumber(text) : parseCommaNumber(text);
  }

  /** True when `text` is one of the missing-value tokens. */
  isMissing(text: string): boolean {
    return this.missing.has(text);
  }
}
