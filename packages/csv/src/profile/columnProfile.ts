import type { CellReader } from '../cells/cellReader.js';
import { hasDecimalComma } from '../cells/parseNumber.js';

/** One cell of a column, for messages: 1-based data row, the line it ends on, its text. */
export interface CellSighting {
  /** 1-based data row (the header is not counted). */
  readonly row: number;
  /** 1-based line of the text on which the row ends. */
  readonly line: number;
  /** The cell's (trimmed) text. */
  readonly value: string;
}

/** A count of cells and the first of them, for messages. */
export interface CellTally {
  /** How many cells. */
  readonly count: number;
  /** The first such cell (undefined when `count` is 0). */
  readonly first: CellSighting | undefined;
}

/** Distinct non-missing texts a profile keeps before it stops (see `ColumnProfile.levels`). */
export const DEFAULT_LEVEL_LIMIT = 10_000;

/**
 * Distinct numbers a profile keeps while a column holds nothing but numbers: a categorical
 * column written in numbers (codes, ratings) has few levels, and a measured quantity has as
 * many as rows. The lower limit keeps the profile of a wide numeric table small (a few
 * kilobytes a column).
 */
export const DEFAULT_NUMBER_LEVEL_LIMIT = 256;

/** Which limit on distinct values a column went past (see `ColumnProfile.passedLimit`). */
export interface PassedLimit {
  /** The limit: how many distinct values were kept. */
  readonly count: number;
  /** `numbers` while every cell was a number (`numberLevelLimit`), else `values`. */
  readonly of: 'numbers' | 'values';
}

class Tally implements CellTally {
  count = 0;
  first: CellSighting | undefined = undefined;

  add(row: number, line: number, value: string): void {
    if (this.count++ === 0) this.first = { row, line, value };
  }
}

/**
 * What one pass over a column's cells found, without keeping the cells: how many are numbers,
 * missing-value tokens, or other text (and of the text, how many are numbers with a decimal
 * comma), the first cell of each kind, facts about the numbers that column types need (are they
 * integers, non-negative, 0/1), and the distinct texts up to a limit (the levels, should the
 * column be categorical). Its memory is constant once the limit is passed, so a column of a
 * file of any size is profiled in one streaming pass.
 */
export class ColumnProfile {
  private readonly tallies = {
    numbers: new Tally(),
    missing: new Tally(),
    text: new Tally(),
    decimalComma: new Tally(),
    fractional: new Tally(),
    negative: new Tally(),
    notBinary: new Tally(),
  };
  private distinct: Map<string, number> | undefined = new Map();
  private droppedAtNumbers = false;

  constructor(
    /** The column's name from the header. */
    readonly name: string,
    /** 0-based column index in the file. */
    readonly index: number,
    private readonly reader: CellReader,
    /** Distinct texts kept as candidate levels before giving up on them. */
    readonly levelLimit = DEFAULT_LEVEL_LIMIT,
    /** The same while every cell so far is a number (see `DEFAULT_NUMBER_LEVEL_LIMIT`). */
    readonly numberLevelLimit = DEFAULT_NUMBER_LEVEL_LIMIT,
  ) {}

  /** Cells holding a number (by the reader's decimal mark). */
  get numbers(): CellTally {
    return this.tallies.numbers;
  }

  /** Cells holding a missing-value token (`CellOptions.missing`). */
  get missing(): CellTally {
    return this.tallies.missing;
  }

  /** Cells holding anything else. */
  get text(): CellTally {
    return this.tallies.text;
  }

  /** Text cells that are numbers written with a decimal comma (counted when the mark is '.'). */
  get decimalComma(): CellTally {
    return this.tallies.decimalComma;
  }

  /** Numbers with a fractional part. */
  get fractional(): CellTally {
    return this.tallies.fractional;
  }

  /** Numbers below zero. */
  get negative(): CellTally {
    return this.tallies.negative;
  }

  /** Numbers other than 0 and 1. */
  get notBinary(): CellTally {
    return this.tallies.notBinary;
  }

  /** Counts one cell of data row `row` (1-based), which ends on `line`. */
  add(text: string, row: number, line: number): void {
    const value = this.reader.read(text);
    const tallies = this.tallies;
    if (value === undefined) {
      tallies.text.add(row, line, text);
      if (this.reader.decimal === '.' && hasDecimalComma(text)) {
        tallies.decimalComma.add(row, line, text);
      }
    } else if (Number.isNaN(value)) {
      tallies.missing.add(row, line, text);
      return;
    } else {
      tallies.numbers.add(row, line, text);
      if (!Number.isInteger(value)) tallies.fractional.add(row, line, text);
      if (value < 0) tallies.negative.add(row, line, text);
      if (value !== 0 && value !== 1) tallies.notBinary.add(row, line, text);
    }
    const distinct = this.distinct;
    if (distinct !== undefined && !distinct.has(text)) {
      const limit = tallies.text.count === 0 ? this.numberLevelLimit : this.levelLimit;
      if (distinct.size >= limit) {
        // Too many to be categorical levels: stop keeping them (constant memory from here on).
        this.distinct = undefined;
        this.droppedAtNumbers = tallies.text.count === 0;
      } else {
        distinct.set(text, distinct.size);
      }
    }
  }

  /** Cells that are not missing. */
  get present(): number {
    return this.tallies.numbers.count + this.tallies.text.count;
  }

  /** True when the column had more distinct non-missing texts than the limit. */
  get tooManyLevels(): boolean {
    return this.distinct === undefined;
  }

  /**
   * The limit that was passed, when `tooManyLevels`: `numberLevelLimit` when the column went
   * past it before its first text cell, else `levelLimit`.
   */
  get passedLimit(): PassedLimit {
    return this.droppedAtNumbers
      ? { count: this.numberLevelLimit, of: 'numbers' }
      : { count: this.levelLimit, of: 'values' };
  }

  /**
   * The distinct non-missing texts, sorted: numerically when all are numbers, else by code
   * point (undefined when there were more than the limit).
   */
  levels(): string[] | undefined {
    if (this.distinct === undefined) return undefined;
    const levels = [...this.distinct.keys()];
    if (this.tallies.text.count === 0) {
      const reader = this.reader;
      return levels.sort((a, b) => (reader.read(a) as number) - (reader.read(b) as number));
    }
    return levels.sort();
  }
}
