import { describe, expect, it } from 'vitest';
import { readUserTable } from './readUserTable.js';

describe('readUserTable', () => {
  it('fits the numeric columns and takes a text column with few values as the true classes', () => {
    const user = readUserTable(
      'length;width;species;id\n5,1;3;a;x1\n4,9;3.0;b;x2\n6.2;2.9;a;x3\n'.replaceAll(',', '.'),
      'flowers.csv',
    );
    expect(user.data.featureNames).toEqual(['length', 'width']);
    expect(Array.from(user.data.X.data)).toEqual([5.1, 3, 4.9, 3, 6.2, 2.9]);
    expect(Array.from(user.data.trueLabels ?? [])).toEqual([0, 1, 0]);
    expect(user.notes).toEqual([
      '"species" is text: used as the true classes (2), not fitted.',
      '"id" is text: not fitted.',
    ]);
  });

  it('locates a bad cell in a numeric column by row, line and column', () => {
    expect(() => readUserTable('x,y\n1,2\n3,4\n5,oops\n', 'pasted text')).toThrow(
      'pasted text, row 3 (line 4), column "y" (#2): "oops" is not a number',
    );
    expect(() => readUserTable('x,y\n1,2\n3\n', 'mine.csv')).toThrow(
      'mine.csv, row 2 (line 3): ragged row: 1 fields but the header has 2; missing a value for column "y" (#2)',
    );
  });

  it('refuses a table with no numeric column', () => {
    expect(() => readUserTable('a,b\nx,y\nz,w\n', 't.csv')).toThrow(/no numeric column to fit/);
  });
});
