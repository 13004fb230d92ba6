import { InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { encodeNumbers, parseNumber, parseTable, TableError } from '../src/index.js';

function errorOf(action: () => unknown): TableError {
  try {
    action();
  } catch (error) {
    if (error instanceof TableError) return error;
    throw error;
  }
  throw new Error('expected a TableError');
}

describe('parseTable', () => {
  it('splits the header from the rows and records the line each row ends on', () => {
    const t = parseTable('x,y,kind\n1,2,red\n\n2,3,"blue\nish"\n3,1,red\n', { source: 'a.csv' });
    expect(t.delimiter).toBe(',');
    expect(t.header).toEqual(['x', 'y', 'kind']);
    expect(t.rows).toEqual([
      ['1', '2', 'red'],
      ['2', '3', 'blue\nish'],
      ['3', '1', 'red'],
    ]);
    expect(t.lines).toEqual([2, 5, 6]);
  });

  it('guesses tabs from a .tsv name and semicolons from the header; an explicit one wins', () => {
    expect(parseTable('a\tb\n1\t2\n', { source: 'x.tsv' }).rows).toEqual([['1', '2']]);
    expect(parseTable('a;b\n1,5;2\n', { source: 'pasted text' }).rows).toEqual([['1,5', '2']]);
    expect(parseTable('a\tb\n1\t2\n', { source: 'x.tsv', delimiter: ',' }).header).toEqual([
      'a\tb',
    ]);
  });

  it('names the source, row and line of a ragged row and the missing column', () => {
    const error = errorOf(() => parseTable('a,b\n1,2\n3\n', { source: 'ragged.csv' }));
    expect(error.message).toBe(
      'ragged.csv, row 2 (line 3): ragged row: 1 fields but the header has 2; missing a value for column "b" (#2)',
    );
    expect(error.row).toBe(1);
    expect(InvalidInputError.isInstance(error)).toBe(true);
  });

  it('rejects bad quoting, an empty text, a nameless or duplicate header, and no rows', () => {
    expect(errorOf(() => parseTable('a,b\n"1,2\n', { source: 's' })).message).toMatch(
      /^s: cannot parse as CSV: /,
    );
    expect(errorOf(() => parseTable('', { source: 's' })).message).toBe(
      's: the file is empty (expected a header row)',
    );
    expect(errorOf(() => parseTable('a,\n1,2\n', { source: 's' })).message).toBe(
      's, line 1: header column #2 has no name',
    );
    expect(errorOf(() => parseTable('a,a\n1,2\n', { source: 's' })).message).toBe(
      's, line 1: duplicate column name "a" (#1 and #2)',
    );
    expect(errorOf(() => parseTable('a,b\n', { source: 's' })).message).toBe(
      's: no data rows after the header',
    );
  });
});

describe('parseNumber', () => {
  it('accepts plain decimals and exponents and rejects what Number() lets through', () => {
    expect(['1', '-2.5', '+.5', '3.', '1e-3', '2E+2'].map(parseNumber)).toEqual([
      1, -2.5, 0.5, 3, 0.001, 200,
    ]);
    for (const text of ['', ' ', '0x1f', 'Infinity', 'NaN', '1,5', '1e', '--1', '1e999']) {
      expect(parseNumber(text)).toBeUndefined();
    }
  });
});

describe('encodeNumbers', () => {
  const table = parseTable('name,x,y\na,1,2\nb,3,4.5\nc,-1,1e2\n', { source: 'p.csv' });

  it('gives the chosen columns as a row-major matrix', () => {
    const X = encodeNumbers(table, [2, 1]);
    expect([X.rows, X.cols]).toEqual([3, 2]);
    expect(Array.from(X.data)).toEqual([2, 1, 4.5, 3, 100, -1]);
  });

  it('locates the first bad cell (row, line, column, value) and counts the others', () => {
    const bad = parseTable('x,y\n1,2\n3,\n5,abc\n7,?\n', { source: 'bad.csv' });
    const error = errorOf(() => encodeNumbers(bad, [0, 1]));
    expect(error.message).toBe(
      'bad.csv, row 2 (line 3), column "y" (#2): empty value (missing values are not supported) (and 2 more bad cells)',
    );
    expect([error.row, error.column, error.value]).toEqual([1, 1, '']);
    const one = parseTable('x,y\n1,2\n3,abc\n', { source: 'one.csv' });
    expect(errorOf(() => encodeNumbers(one, [0, 1])).message).toBe(
      'one.csv, row 2 (line 3), column "y" (#2): "abc" is not a number',
    );
  });
});
