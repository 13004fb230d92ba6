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

  /** Requires `kind` and `version` to be exactly these. */
  expectKind(kind: string, version: number): void {
    if (this.fields['kind'] !== kind) {
      throw new InvalidInputError(
        { argument: `${this.what}.kind`, value: this.fields['kind'] },
        `expected '${kind}'`,
      );
    }
    if (this.fields['version'] !== version) {
      throw new InvalidInputError(
        { argument: `${this.what}.version`, value: this.fields['version'] },
        `unsupported version (this build reads version ${version})`,
      );
    }
  }

  raw(key: string): JsonValue | undefined {
    return this.fields[key];
  }

  number(key: string): number {
    const value = this.fields[key];
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new InvalidInputError({ argument: `${this.what}.${key}`, value }, 'expected a number');
    }
    return value;
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

/** Encodes a vector that may hold ±Infinity (JSON has no infinities): those become the strings `"Infinity"` and `"-Infinity"`. */
export function numbersToJson(values: ArrayLike<number>): JsonValue {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : v > 0 ? 'Infinity' : '-Infinity'));
}

/** Inverse of `numbersToJson`. */
export function numbersFromJson(
  json: JsonValue | undefined,
  argument: string,
  length?: number,
): Float64Array {
  if (!Array.isArray(json) || (length !== undefined && json.length !== length)) {
    throw new InvalidInputError(
      { argument, value: json },
      length === undefined ? 'expected an array' : `expected an array of length ${length}`,
    );
  }
  const out = new Float64Array(json.length);
  for (let i = 0; i < json.length; i++) {
    const v: unknown = json[i];
    if (v === 'Infinity') out[i] = Number.POSITIVE_INFINITY;
    else if (v === '-Infinity') out[i] = Number.NEGATIVE_INFINITY;
    else if (typeof v === 'number' && Number.isFinite(v)) out[i] = v;
    else throw new InvalidInputError({ argument, row: i, value: v }, 'expected a number');
  }
  return out;
}

/** Integer labels in [min, max], as an Int32Array. */
export function labelsFromJson(
  json: JsonValue | undefined,
  argument: string,
  min: number,
  max: number,
  length?: number,
): Int32Array {
  const values = numbersFromJson(json, argument, length);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new InvalidInputError(
        { argument, row: i, value: v },
        `expected an integer in [${min}, ${max}]`,
      );
    }
    out[i] = v;
  }
  return out;
}
