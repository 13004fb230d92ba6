import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNumber } from '@mixkit/csv';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cliError.js';
import { collectLevels, encodeTable, orderColumns } from '../src/table/encodeTable.js';
import { planColumns } from '../src/table/planColumns.js';
import { type RawTable, readTable } from '../src/table/readTable.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

function table(header: string[], rows: string[][], file = 'data.csv'): RawTable {
  return { file, source: file, header, rows, lines: rows.map((_, i) => i + 2), delimiter: ',' };
}

function errorOf(action: () => unknown): CliError {
  try {
    action();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('readTable', () => {
  it('reads a TSV by its extension, with the header split from the rows', () => {
    const t = readTable(fixture('small.tsv'));
    expect(t.delimiter).toBe('\t');
    expect(t.header).toEqual(['x', 'y', 'kind']);
    expect(t.rows).toEqual([
      ['1', '2', 'red'],
      ['2', '3', 'blue'],
      ['3', '1', 'red'],
    ]);
    expect(t.lines).toEqual([2, 3, 4]);
  });

  it('names the file, row and line of a ragged row and the missing column', () => {
    const error = errorOf(() => readTable(fixture('ragged.csv')));
    expect(error.message).toMatch(
      /ragged\.csv, row 2 \(line 3\): ragged row: 1 fields but the header has 2/,
    );
    expect(error.message).toContain('missing a value for column "b" (#2)');
  });

  it('reports an extra field as ragged too', () => {
    expect(errorOf(() => readTable(fixture('extra-field.csv'))).message).toMatch(
      /row 2 \(line 3\).*extra value at column #3/,
    );
  });

  it('rejects a missing file, a duplicate header name and a file without data rows', () => {
    expect(errorOf(() => readTable(fixture('nope.csv'))).message).toMatch(
      /nope\.csv: cannot read file \(no such file\)/,
    );
    expect(errorOf(() => readTable(fixture('duplicate-header.csv'))).message).toMatch(
      /duplicate column name "a" \(#1 and #2\)/,
    );
    expect(errorOf(() => readTable(fixture('header-only.csv'))).message).toMatch(/no data rows/);
  });

  it('sniffs a semicolon delimiter from the header line, and an explicit one wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mixkit-table-'));
    const file = join(dir, 'euro.csv');
    writeFileSync(file, 'a;b\n1,5;2\n');
    expect(readTable(file).rows).toEqual([['1,5', '2']]);
    expect(readTable(fixture('small.tsv'), { delimiter: ',' }).header).toEqual(['x\ty\tkind']);
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

describe('planColumns', () => {
  const t = table(
    ['height', 'visits', 'region', 'species'],
    [
      ['1.5', '3', 'north', 'a'],
      ['2.5', '0', 'south', 'b'],
    ],
  );

  it('infers numeric columns as gaussian and text columns as categorical', () => {
    const plan = planColumns(t, {});
    expect(plan.columns.map((c) => [c.name, c.kind, c.inferred])).toEqual([
      ['height', 'gaussian', true],
      ['visits', 'gaussian', true],
      ['region', 'categorical', true],
      ['species', 'categorical', true],
    ]);
    expect(plan.labelIndex).toBeUndefined();
  });

  it('takes explicit types by name or 1-based number and leaves the label column out', () => {
    const plan = planColumns(t, { poisson: ['2'], label: 'species' });
    expect(plan.columns.map((c) => [c.name, c.kind, c.inferred])).toEqual([
      ['height', 'gaussian', true],
      ['visits', 'poisson', false],
      ['region', 'categorical', true],
    ]);
    expect(plan.labelIndex).toBe(3);
  });

  it('rejects unknown names, out-of-range numbers and a column given two roles', () => {
    expect(errorOf(() => planColumns(t, { poisson: ['visitz'] })).message).toBe(
      'data.csv: --poisson visitz: unknown column name (columns: "height", "visits", "region", "species")',
    );
    expect(errorOf(() => planColumns(t, { gaussian: ['9'] })).message).toMatch(
      /--gaussian 9: column number out of range \(the file has 4 columns\)/,
    );
    expect(errorOf(() => planColumns(t, { poisson: ['visits'], label: '2' })).message).toBe(
      'data.csv: column "visits" is given to both --label and --poisson',
    );
  });

  it('refuses a plan with nothing left to model', () => {
    const one = table(['y'], [['1']]);
    expect(errorOf(() => planColumns(one, { label: 'y' })).message).toMatch(
      /no columns left to model/,
    );
  });
});

describe('encodeTable', () => {
  it('groups columns by kind and codes categorical levels in sorted order', () => {
    const t = table(
      ['region', 'height', 'visits'],
      [
        ['south', '1.5', '3'],
        ['north', '2.5', '0'],
        ['south', '0.5', '1'],
      ],
    );
    const plan = planColumns(t, { poisson: ['visits'] });
    const encoded = encodeTable(t, orderColumns(plan.columns));
    expect(encoded.columns.map((c) => c.name)).toEqual(['height', 'visits', 'region']);
    expect(encoded.columns[2]?.levels).toEqual(['north', 'south']);
    expect(Array.from(encoded.X.data)).toEqual([1.5, 3, 1, 2.5, 0, 0, 0.5, 1, 1]);
  });

  it('sorts numeric levels numerically', () => {
    expect(collectLevels(table(['c'], [['10'], ['9'], ['1.5']]), 0)).toEqual(['1.5', '9', '10']);
  });

  it('names file, row, line and column of a value that does not fit its type', () => {
    const t = readTable(fixture('bad-number.csv'));
    const plan = planColumns(t, { gaussian: ['b'] });
    expect(errorOf(() => encodeTable(t, plan.columns)).message).toMatch(
      /bad-number\.csv, row 3 \(line 4\), column "b" \(#2\): "abc" is not a number/,
    );
    const counts = readTable(fixture('fractional-count.csv'));
    const countPlan = planColumns(counts, { poisson: ['visits'] });
    expect(errorOf(() => encodeTable(counts, countPlan.columns)).message).toMatch(
      /row 3 \(line 4\), column "visits" \(#1\): 2\.5 is not a non-negative integer count, as --poisson requires/,
    );
  });

  it('rejects a value outside 0/1 for a Bernoulli column and an empty gaussian cell', () => {
    const t = table(
      ['a', 'b'],
      [
        ['1', '0'],
        ['', '2'],
      ],
    );
    expect(
      errorOf(() => encodeTable(t, planColumns(t, { bernoulli: ['b'], gaussian: ['a'] }).columns))
        .message,
    ).toMatch(/row 2 \(line 3\), column "a" \(#1\): empty value/);
    expect(
      errorOf(() =>
        encodeTable(t, planColumns(t, { bernoulli: ['b'], categorical: ['a'] }).columns),
      ).message,
    ).toMatch(/column "b" \(#2\): 2 is not 0 or 1/);
  });

  it('rejects a level the saved model never saw', () => {
    const t = table(['c'], [['red'], ['green']]);
    const columns = [
      {
        name: 'c',
        sourceIndex: 0,
        kind: 'categorical' as const,
        inferred: false,
        levels: ['red', 'blue'],
      },
    ];
    expect(errorOf(() => encodeTable(t, columns)).message).toMatch(
      /row 2 \(line 3\), column "c" \(#1\): "green" is not a level the model was fitted with \(levels: "red", "blue"\)/,
    );
  });
});
