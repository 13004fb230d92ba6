import { InvalidInputError } from '../errors/invalidInputError.js';
import type { JsonValue } from '../json.js';
import { numbersFromJson } from './numbersJson.js';

/**
 * Reads the fields of a parsed JSON document for a model's `fromJSON`, with typed errors that
 * name the field (`json.labels`, row, value). Never returns a value of the wrong type. One home
 * for every package's model reader.
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

  /** The field as it is (undefined when absent). */
  raw(key: string): JsonValue | undefined {
    return this.fields[key];
  }

  /** A finite-or-infinite number field (NaN rejected). */
  number(key: string): number {
    const value = this.fields[key];
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new InvalidInputError({ argument: `${this.what}.${key}`, value }, 'expected a number');
    }
    return value;
  }

  /** A string field. */
  string(key: string): string {
    const value = this.fields[key];
    if (typeof value !== 'string') {
      throw new InvalidInputError({ argument: `${this.what}.${key}`, value }, 'expected a string');
    }
    return value;
  }

  /** A vector of numbers written by `numbersToJson` (infinities allowed). */
  numbers(key: string, length?: number): Float64Array {
    return numbersFromJson(this.fields[key], `${this.what}.${key}`, length);
  }

  /** A vector of integers in [min, max]. */
  integers(key: string, min: number, max: number, length?: number): Int32Array {
    const values = this.numbers(key, length);
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isInteger(v) || v < min || v > max) {
        throw new InvalidInputError(
          { argument: `${this.what}.${key}`, row: i, value: v },
          `expected an integer in [${min}, ${max}]`,
        );
      }
      out[i] = v;
    }
    return out;
  }
}
