import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalidInputError.js';
import { JsonReader } from './jsonReader.js';
import { numbersFromJson, numbersToJson } from './numbersJson.js';

describe('numbersToJson / numbersFromJson', () => {
  it('round-trip every double bit for bit, infinities included', () => {
    const values = Float64Array.from([
      0.1 + 0.2,
      -0,
      5e-324,
      1.7976931348623157e308,
      Infinity,
      -Infinity,
    ]);
    const back = numbersFromJson(JSON.parse(JSON.stringify(numbersToJson(values))), 'x');
    expect(Array.from(back).map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(
      Array.from(values).map((v) => (Object.is(v, -0) ? 0 : v)),
    );
  });
  it('reject a wrong length and a non-number with the argument and entry', () => {
    expect(() => numbersFromJson([1, 2], 'json.x', 3)).toThrow(/json.x.*length 3/);
    expect(() => numbersFromJson([1, 'a'], 'json.x')).toThrow(/json.x at row 1/);
  });
});

describe('JsonReader', () => {
  it('reads typed fields and names the field it rejects', () => {
    const reader = new JsonReader(
      { kind: 'k', version: 1, n: 3, s: 'a', v: [1, 'Infinity'], l: [0, -1, 2] },
      'json',
    );
    reader.expectKind('k', 1);
    expect(reader.number('n')).toBe(3);
    expect(reader.string('s')).toBe('a');
    expect(Array.from(reader.numbers('v', 2))).toEqual([1, Infinity]);
    expect(Array.from(reader.integers('l', -1, 2))).toEqual([0, -1, 2]);
    expect(() => reader.integers('l', 0, 2)).toThrow(/json.l at row 1/);
    expect(() => reader.expectKind('other', 1)).toThrow(InvalidInputError);
    expect(() => reader.expectKind('k', 2)).toThrow(/version/);
    expect(() => new JsonReader([1], 'json')).toThrow(/JSON object/);
  });
});
