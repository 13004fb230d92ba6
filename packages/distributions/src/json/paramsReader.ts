import { InvalidInputError, type SerializedParams } from '@mixkit/core';

/** Constraints on numbers read from a parameter document. */
export interface NumberConstraint {
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  readonly max?: number;
  readonly integer?: boolean;
}

/**
 * Reads fields of a serialized parameter document with typed errors, for `paramsFromJSON`.
 * Every problem throws `InvalidInputError` naming the field (`argument` is `json.<field>`, and
 * `row` is the index inside an array field).
 */
export class ParamsReader {
  constructor(
    private readonly json: SerializedParams,
    private readonly family: string,
  ) {}

  /** Checks the document's `kind` and that its `version` is one this reader understands. */
  static open(
    json: SerializedParams,
    kind: string,
    versions: readonly number[] = [1],
  ): ParamsReader {
    if (json == null || typeof json !== 'object') {
      throw new InvalidInputError({ argument: 'json', value: json }, 'expected an object');
    }
    if (json.kind !== kind) {
      throw new InvalidInputError(
        { argument: 'json.kind', value: json.kind },
        `expected '${kind}'`,
      );
    }
    if (!versions.includes(json.version)) {
      throw new InvalidInputError(
        { argument: 'json.version', value: json.version },
        `${kind}: unsupported format version (supported: ${versions.join(', ')})`,
      );
    }
    return new ParamsReader(json, kind);
  }

  /** A number field. */
  number(field: string, constraint: NumberConstraint = {}): number {
    return this.check(this.json[field], `json.${field}`, undefined, constraint);
  }

  /** An array of numbers, of `length` entries when given (at least one otherwise). */
  numbers(field: string, length?: number, constraint: NumberConstraint = {}): Float64Array {
    const value = this.json[field];
    const argument = `json.${field}`;
    if (!Array.isArray(value)) {
      throw new InvalidInputError({ argument, value }, `${this.family}: expected an array`);
    }
    if (length !== undefined ? value.length !== length : value.length === 0) {
      throw new InvalidInputError(
        { argument, value: value.length },
        `${this.family}: expected ${length ?? 'at least 1'} entries`,
      );
    }
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = this.check(value[i], argument, i, constraint);
    return out;
  }

  /** A non-empty array of non-empty number arrays (e.g. one probability vector per column). */
  numberRows(field: string, constraint: NumberConstraint = {}): Float64Array[] {
    const value = this.json[field];
    const argument = `json.${field}`;
    if (!Array.isArray(value) || value.length === 0) {
      throw new InvalidInputError(
        { argument, value },
        `${this.family}: expected an array of arrays`,
      );
    }
    return value.map((row: unknown, r: number) => {
      if (!Array.isArray(row) || row.length === 0) {
        throw new InvalidInputError(
          { argument, row: r, value: row as unknown },
          `${this.family}: expected a non-empty array`,
        );
      }
      const out = new Float64Array(row.length);
      for (let i = 0; i < row.length; i++) out[i] = this.check(row[i], argument, r, constraint);
      return out;
    });
  }

  /** Throws unless the entries `[offset, offset + length)` of `values` sum to 1 within 1e-9. */
  sumsToOne(field: string, values: Float64Array, offset = 0, length = values.length): void {
    let total = 0;
    for (let i = offset; i < offset + length; i++) total += values[i];
    if (Math.abs(total - 1) > 1e-9) {
      throw new InvalidInputError(
        { argument: `json.${field}`, row: offset, value: total },
        `${this.family}: probabilities must sum to 1`,
      );
    }
  }

  private check(
    value: unknown,
    argument: string,
    row: number | undefined,
    constraint: NumberConstraint,
  ): number {
    const { min = -Infinity, max = Infinity, exclusiveMin = false, integer = false } = constraint;
    const where = row === undefined ? { argument, value } : { argument, row, value };
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidInputError(where, `${this.family}: expected a finite number`);
    }
    if (value < min || (exclusiveMin && value === min) || value > max) {
      const low = exclusiveMin ? `> ${min}` : `>= ${min}`;
      const high = max === Infinity ? '' : ` and <= ${max}`;
      throw new InvalidInputError(where, `${this.family}: expected a number ${low}${high}`);
    }
    if (integer && !Number.isInteger(value)) {
      throw new InvalidInputError(where, `${this.family}: expected an integer`);
    }
    return value;
  }
}
