import { describe, expect, it } from 'vitest';
import {
  type ColumnProfile,
  inferColumn,
  missingCellsError,
  numericCellError,
  parseCommaNumber,
  RecordEncoder,
  TableError,
  TableProfiler,
} from '../src/index.js';

/** Profiles `header` + `rows` (rows end on lines 2, 3, ...). */
function profile(
  header: string[],
  rows: string[][],
  options: { decimal?: '.' | ','; missing?: string[]; levelLimit?: number } = {},
) {
  const { levelLimit, ...cells } = options;
  const profiler = new TableProfiler({
    source: 'd.csv',
    cells,
    ...(levelLimit === undefined ? {} : { levelLimit }),
  });
  profiler.add(header, 1);
  rows.forEach((row, i) => {
    profiler.add(row, i + 2);
  });
  return profiler.finish();
}

const column = (rows: string[], options = {}) =>
  profile(
    ['x'],
    rows.map((cell) => [cell]),
    options,
  ).columns[0] as ColumnProfile;

function errorOf(action: () => unknown): TableError {
  try {
    action();
  } catch (error) {
    if (error instanceof TableError) return error;
    throw error;
  }
  throw new Error('expected a TableError');
}

describe('TableProfiler', () => {
  it('counts numbers, missing cells (empty, NA) and text per column, with the first of each', () => {
    const { rows, columns } = profile(
      ['x', 'kind'],
      [
        ['1.5', 'red'],
        ['', 'blue'],
        ['NA', 'red'],
        ['-2', ''],
      ],
    );
    expect(rows).toBe(4);
    const [x, kind] = columns as ColumnProfile[];
    expect([x.numbers.count, x.missing.count, x.text.count]).toEqual([2, 2, 0]);
    expect(x.missing.first).toEqual({ row: 2, line: 3, value: '' });
    expect([x.negative.count, x.fractional.count, x.notBinary.count]).toEqual([1, 1, 2]);
    expect([kind.text.count, kind.missing.count]).toEqual([3, 1]);
    expect(kind.levels()).toEqual(['blue', 'red']);
  });

  it('profiles only the chosen columns and still checks every row length', () => {
    const profiler = new TableProfiler({ source: 'd.csv', columns: () => [1] });
    profiler.add(['a', 'b'], 1);
    profiler.add(['x', '1'], 2);
    expect(profiler.finish().columns[0]).toBeUndefined();
    expect(errorOf(() => profiler.add(['1'], 3)).message).toBe(
      'd.csv, row 2 (line 3): ragged row: 1 fields but the header has 2; missing a value for column "b" (#2)',
    );
  });

  it('rejects an empty table, a bad header and a table without rows', () => {
    expect(errorOf(() => new TableProfiler({ source: 's' }).finish()).message).toBe(
      's: the file is empty (expected a header row)',
    );
    expect(errorOf(() => new TableProfiler({ source: 's' }).add(['a', 'a'], 1)).message).toBe(
      's, line 1: duplicate column name "a" (#1 and #2)',
    );
    const header = new TableProfiler({ source: 's' });
    header.add(['a'], 1);
    expect(errorOf(() => header.finish()).message).toBe('s: no data rows after the header');
  });

  it('sorts numeric levels numerically and stops keeping levels past the limit', () => {
    expect(column(['10', '9', '1.5', 'NA']).levels()).toEqual(['1.5', '9', '10']);
    const many = column(['a', 'b', 'c', 'd'], { levelLimit: 3 });
    expect(many.tooManyLevels).toBe(true);
    expect(many.levels()).toBeUndefined();
  });
});

describe('inferColumn', () => {
  it('a column of numbers with missing cells stays numeric', () => {
    expect(inferColumn(column(['1', '', 'NA', '2.5']), 'd.csv')).toEqual({ type: 'numeric' });
  });

  it('a text column gets its sorted levels', () => {
    expect(inferColumn(column(['b', 'a', '1', 'b']), 'd.csv')).toEqual({
      type: 'levels',
      levels: ['1', 'a', 'b'],
    });
  });

  it('numbers with decimal commas are unclear, named, located and counted, never text', () => {
    const inferred = inferColumn(column(['1,5', '2', '-0,25', '3']), 'd.csv');
    expect(inferred.type).toBe('unclear');
    if (inferred.type !== 'unclear') return;
    expect(inferred.cause).toBe('decimal-comma');
    expect(inferred.error.message).toBe(
      'd.csv, row 1 (line 2), column "x" (#1): "1,5" has a decimal comma (2 cells of the column do)',
    );
  });

  it('with the comma as decimal mark the same column is numeric', () => {
    const x = column(['1,5', '2', '-0,25', '3'], { decimal: ',' });
    expect(inferColumn(x, 'd.csv')).toEqual({ type: 'numeric' });
    expect(parseCommaNumber('-0,25')).toBe(-0.25);
    expect(parseCommaNumber('1.5')).toBeUndefined();
  });

  it('a numeric column with a few text cells is unclear (stray text), never categorical', () => {
    const inferred = inferColumn(column(['1', '2', '?', '4', 'n/a', '6']), 'd.csv');
    expect(inferred).toMatchObject({ type: 'unclear', cause: 'stray-text' });
    if (inferred.type !== 'unclear') return;
    expect(inferred.error.message).toBe(
      'd.csv, row 3 (line 4), column "x" (#1): "?" is not a number, though 4 of the column\'s 6 values are (2 text cells)',
    );
    expect([inferred.error.row, inferred.error.column, inferred.error.value]).toEqual([2, 0, '?']);
  });

  it('a text column with too many distinct values is unclear', () => {
    const inferred = inferColumn(column(['a', 'b', 'c', 'd'], { levelLimit: 3 }), 'd.csv');
    expect(inferred).toMatchObject({ type: 'unclear', cause: 'too-many-levels' });
  });
});

describe('numericCellError and missingCellsError', () => {
  it('name the first bad cell of a numeric column and count the others', () => {
    expect(numericCellError(column(['1', '2']), 'd.csv')).toBeUndefined();
    expect(numericCellError(column(['1', 'x7', 'y', 'z']), 'd.csv')?.message).toBe(
      'd.csv, row 2 (line 3), column "x" (#1): "x7" is not a number (and 2 more text cells)',
    );
  });

  it('count missing cells per column, with the first of each', () => {
    const { columns } = profile(
      ['a', 'b', 'c'],
      [
        ['1', '', '3'],
        ['NA', '2', '3'],
        ['', '2', '3'],
      ],
    );
    const error = missingCellsError(columns as ColumnProfile[], 'd.csv', ['', 'NA']);
    expect(error?.message).toBe(
      'd.csv: 3 missing cells (empty or "NA") in 2 columns: "a" (#1) 2, first at row 2 (line 3); "b" (#2) 1, at row 1 (line 2)',
    );
    expect(missingCellsError([columns[2] as ColumnProfile], 'd.csv', [''])).toBeUndefined();
  });
});

describe('RecordEncoder', () => {
  const encoder = new RecordEncoder(
    'd.csv',
    ['x', 'kind', 'y'],
    [{ index: 2 }, { index: 1, levels: ['blue', 'red'] }],
  );

  it('writes the chosen columns, levels as codes and missing cells as NaN', () => {
    const out = new Float64Array(5);
    expect(encoder.encode(['9', 'red', '1.5'], 1, 2, out, 1)).toBe(0);
    expect(encoder.encode(['9', 'NA', ''], 2, 3, out, 3)).toBe(2);
    expect(Array.from(out)).toEqual([0, 1.5, 1, Number.NaN, Number.NaN]);
  });

  it('names the row, line and column of a text cell, an unknown level or a ragged row', () => {
    const out = new Float64Array(2);
    expect(errorOf(() => encoder.encode(['9', 'red', 'abc'], 4, 7, out, 0)).message).toBe(
      'd.csv, row 4 (line 7), column "y" (#3): "abc" is not a number',
    );
    expect(errorOf(() => encoder.encode(['9', 'green', '1'], 1, 2, out, 0)).message).toBe(
      'd.csv, row 1 (line 2), column "kind" (#2): "green" is not one of the column\'s levels ("blue", "red")',
    );
    expect(errorOf(() => encoder.encode(['9'], 1, 2, out, 0)).message).toMatch(/ragged row/);
  });
});

describe('level limits', () => {
  it('keeps few distinct numbers per column (256 by default), many distinct texts', () => {
    const numbers = column(Array.from({ length: 300 }, (_, i) => String(i)));
    expect(numbers.tooManyLevels).toBe(true);
    expect(numbers.passedLimit).toEqual({ count: 256, of: 'numbers' });
    expect(inferColumn(numbers, 'd.csv')).toEqual({ type: 'numeric' });
    const words = column(Array.from({ length: 300 }, (_, i) => `w${i}`));
    expect(words.tooManyLevels).toBe(false);
    expect(words.levels()).toHaveLength(300);
  });

  it('a text column past its number limit before its first text cell has too many levels', () => {
    const cells = [...Array.from({ length: 300 }, (_, i) => String(i)), ...Array(400).fill('x')];
    const inferred = inferColumn(column(cells), 'd.csv');
    expect(inferred).toMatchObject({ type: 'unclear', cause: 'too-many-levels' });
    if (inferred.type === 'unclear') {
      expect(inferred.error.message).toBe(
        'd.csv, column "x" (#1): more than 256 distinct numbers: too many levels for a categorical column',
      );
    }
  });
});
