import { InvalidInputError, type JsonValue } from '@mixkit/core';

/**
 * Reads fields of a parsed JSON document with typed errors that name the field, for the
 * `fromJSON` methods of this package. Never returns a value of the wrong type.
 */
export class JsonReader {
  private readonly fields: { readonly [key: string]: JsonValue };

  constructor(
    json: unknown,
    private readonly what: string,
  ) {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new InvalidInputError({ argument: what, value: json }, 'expected a JSON object');
    }
    this.fields = json as { readonly [key: string]: JsonValue };
  }

  /** Requires `kind` to be exactly this and `version` one of `versions`; returns the version. */
  expectKind(kind: string, versions: readonly number[]): number {
    if (this.fields['kind'] !== kind) {
      throw new InvalidInputError(
        { argument: `${this.what}.kind`, value: this.fields['kind'] },
        `expected '${kind}'`,
      );
    }
    const version = this.fields['version'];
    if (typeof version !== 'number' || !versions.includes(version)) {
      throw new InvalidInputError(
        { argument: `${this.what}.version`, value: version },
        `unsupported version (this build reads versions ${versions.join(', ')})`,
      );
    }
    return version;
  }

  raw(key: string): JsonValue | undefined {
    return this.fields[key];
  }

  /** A finite number of at least `min`. */
  number(key: string, min = Number.NEGATIVE_INFINITY): number {
    const value = this.fields[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      const reason = min === Number.NEGATIVE_INFINITY ? '' : ` >= ${min}`;
      throw new InvalidInputError(
        { argument: `${this.what}.${key}`, value },
        `expected a finite number${reason}`,
      );
    }
    return value;
  }

  /** An integer of at least `min`. */
  integer(key: string, min = 0): number {
    const value = this.fields[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new InvalidInputError(
        { argument: `${this.what}.${key}`, value },
        `expected an integer >= ${min}`,
      );
    }
    return value;
  }

  /** A string from `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.fields[key];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new InvalidInputError(
        { argument: `${this.what}.${key}`, value },
        `expected one of ${allowed.join(', ')}`,
      );
    }
    return value as T;
  }

  /** A flat array of integers in [0, below). */
  indices(key: string, below: number): Int32Array {
    const values = this.numbers(key);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isInteger(v) || v < 0 || v >= below) {
        throw new InvalidInputError(
          { argument: `${this.what}.${key}`, row: i, value: v },
          `expected an integer in [0, ${below})`,
        );
      }
    }
    return Int32Array.from(values);
  }

  boolean(key: string): boolean {
    const value = this.fields[key];
    if (typeof value !== 'boolean') {
      throw new InvalidInputError({ argument: `${this.what}.${key}`, value }, 'expected a boolean');
    }
    return value;
  }

  string(key: string): string {
    const value = this.fields[key];
    if (typeof value !== 'string') {
      throw new InvalidInputError({ argument: `${this.what}.${key}`, value }, 'expected a string');
    }
    return value;
  }

  /** A flat array of finite numbers of the given length (any length when omitted). */
  numbers(key: string, length?: number): Float64Array {
    const value = this.fields[key];
    const argument = `${this.what}.${key}`;
    if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
      throw new InvalidInputError(
        { argument, value },
        length === undefined ? 'expected an array' : `expected an array of length ${length}`,
      );
    }
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError({ argument, row: i, value: v }, 'expected a finite number');
      }
      out[i] = v;
    }
    return out;
  }

  /** A rows x cols array of arrays of finite numbers, flattened row-major. */
  matrix(key: string, rows: number, cols: number): Float64Array {
    const value = this.fields[key];
    const argument = `${this.what}.${key}`;
    if (!Array.isArray(value) || value.length !== rows) {
      throw new InvalidInputError({ argument, value }, `expected ${rows} rows`);
    }
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row: unknown = value[i];
      if (!Array.isArray(row) || row.length !== cols) {
        throw new InvalidInputError({ argument, row: i, value: row }, `expected ${cols} columns`);
      }
      for (let j = 0; j < cols; j++) {
        const v: unknown = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new InvalidInputError(
            { argument, row: i, column: j, value: v },
            'expected a finite number',
          );
        }
        out[i * cols + j] = v;
      }
    }
    return out;
  }
}
