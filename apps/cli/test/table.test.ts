import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableError } from '@mixkit/csv';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cliError.js';
import { readRecords } from '../src/input/readRecords.js';
import { openTableFile } from '../src/input/tableFile.js';
import type { CellSettings, MissingPolicy } from '../src/options/fitSettings.js';
import { createProgress } from '../src/output/createProgress.js';
import { type ColumnSelection, resolveColumnRoles } from '../src/table/columnSelection.js';
import { LabelCoder } from '../src/table/labelCoder.js';
import { loadMatrix } from '../src/table/loadMatrix.js';
import { planColumns } from '../src/table/planColumns.js';
import { profileTable } from '../src/table/profileTable.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const cells: CellSettings = { decimal: '.', missing: ['', 'NA'] };
const quiet = createProgress(undefined, 0, '');

function write(name: string, contents: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'mixkit-table-'));
  const file = join(dir, name);
  writeFileSync(file, contents);
  return file;
}

async function records(path: string, delimiter?: string): Promise<string[][]> {
  const out: string[][] = [];
  const file = openTableFile(path, delimiter);
  for await (const _ of readRecords(file, (record) => out.push(record))) {
    // the records arrive through the sink
  }
  return out;
}

/** Profiles and plans a file as `mixkit fit` does; returns the plan and the loaded data. */
async function plan(
  path: string,
  selection: ColumnSelection = {},
  settings = cells,
  missing: MissingPolicy = 'error',
) {
  const file = openTableFile(path, undefined);
  let roles: ReturnType<typeof resolveColumnRoles> | undefined;
  const table = await profileTable(
    file,
    settings,
    (header) => {
      roles = resolveColumnRoles(path, header, selection);
      return header.map((_, j) => j);
    },
    quiet,
  );
  const planned = planColumns(
    table,
    roles as ReturnType<typeof resolveColumnRoles>,
    settings,
    missing,
  );
  return { table, plan: planned };
}

/** The error of a failing step: a CliError, or a located TableError of @mixkit/csv. */
async function failure(action: () => Promise<unknown> | unknown): Promise<Error> {
  try {
    await action();
  } catch (error) {
    if (error instanceof CliError || TableError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a CliError or a TableError');
}

describe('reading a table file as a stream', () => {
  it('reads a TSV by its extension, the header first', async () => {
    expect(await records(fixture('small.tsv'))).toEqual([
      ['x', 'y', 'kind'],
      ['1', '2', 'red'],
      ['2', '3', 'blue'],
      ['3', '1', 'red'],
    ]);
  });

  it('sniffs a semicolon delimiter from the header line, and an explicit one wins', async () => {
    expect(await records(write('euro.csv', 'a;b\n1,5;2\n'))).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
    expect((await records(fixture('small.tsv'), ','))[0]).toEqual(['x\ty\tkind']);
  });

  it('decodes UTF-16 with and without a byte-order mark, and UTF-8 with one', async () => {
    const text = 'größe,x\n1.5,2\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(text, 'utf16le').swap16();
    const expected = [
      ['größe', 'x'],
      ['1.5', '2'],
    ];
    expect(await records(write('le.csv', le))).toEqual(expected);
    expect(await records(write('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toEqual(
      expected,
    );
    expect(await records(write('bare.csv', Buffer.from(text, 'utf16le')))).toEqual(expected);
    expect(await records(write('bom.csv', `\ufeff${text}`))).toEqual(expected);
  });

  it('names the line and offset of bytes that are not UTF-8, in any read step', async () => {
    const latin1 = Buffer.from('name,x\ncaf\xe9,1\n', 'latin1');
    const path = write('old.csv', latin1);
    expect((await failure(() => records(path))).message).toBe(
      `${path}, line 2: not UTF-8 text (byte 0xE9 at offset 10); save the file as UTF-8 (or UTF-16 with a byte-order mark)`,
    );
    // Past the first read step (1 MiB), the location still counts from the start of the file.
    const long = Buffer.concat([
      Buffer.from(`x\n${'1\n'.repeat(700_000)}`),
      Buffer.from('caf\xe9\n', 'latin1'),
    ]);
    const longPath = write('long.csv', long);
    expect((await failure(() => records(longPath))).message).toBe(
      `${longPath}, line 700002: not UTF-8 text (byte 0xE9 at offset ${2 + 1_400_000 + 3}); save the file as UTF-8 (or UTF-16 with a byte-order mark)`,
    );
  });

  it('rejects a missing file, a folder and bad quoting, naming the file', async () => {
    expect((await failure(() => records(fixture('nope.csv')))).message).toMatch(
      /nope\.csv: cannot read file \(no such file\)/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'mixkit-dir-'));
    expect((await failure(() => records(dir))).message).toBe(
      `${dir}: cannot read file (it is a folder)`,
    );
    const quoted = write('q.csv', 'a,b\n1,"2\n');
    const error = await records(quoted).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /q\.csv, line 2: cannot parse as CSV: Quote Not Closed/,
    );
  });
});

describe('planColumns', () => {
  it('infers numeric columns as gaussian and text columns as categorical, in matrix order', async () => {
    const path = write('d.csv', 'region,height,visits\nsouth,1.5,3\nnorth,2.5,0\nsouth,0.5,1\n');
    const { plan: planned } = await plan(path, { poisson: ['visits'] });
    expect(planned.columns.map((c) => [c.name, c.kind, c.inferred])).toEqual([
      ['height', 'gaussian', true],
      ['visits', 'poisson', false],
      ['region', 'categorical', true],
    ]);
    expect(planned.columns[2]?.levels).toEqual(['north', 'south']);
  });

  it('names file, row, line and column of a value that does not fit its type', async () => {
    expect(
      (await failure(() => plan(fixture('bad-number.csv'), { gaussian: ['b'] }))).message,
    ).toMatch(
      /bad-number\.csv, row 3 \(line 4\), column "b" \(#2\): "abc" is not a number; use --categorical for a text column/,
    );
    expect(
      (await failure(() => plan(fixture('fractional-count.csv'), { poisson: ['visits'] }))).message,
    ).toMatch(
      /row 3 \(line 4\), column "visits" \(#1\): 2\.5 is not a non-negative integer count, as --poisson requires/,
    );
    const binary = write('b.csv', 'a,b\n1,0\n2,2\n3,5\n');
    expect((await failure(() => plan(binary, { bernoulli: ['b'] }))).message).toMatch(
      /row 2 \(line 3\), column "b" \(#2\): 2 is not 0 or 1, as --bernoulli requires \(and at least 1 more cell\)/,
    );
  });

  it('never infers a numeric column with decimal commas as categorical: says what to do', async () => {
    const path = write('euro.csv', 'a;b\n1,5;2\n2,25;3\n-0,5;4\n');
    expect((await failure(() => plan(path))).message).toBe(
      `${path}, row 1 (line 2), column "a" (#1): "1,5" has a decimal comma (3 cells of the column do); read such numbers with --decimal comma, or keep the column as text with --categorical a`,
    );
    const { plan: planned, table } = await plan(path, {}, { decimal: ',', missing: [''] });
    expect(planned.columns.map((c) => c.kind)).toEqual(['gaussian', 'gaussian']);
    const { X } = await loadMatrix(table, planned, { decimal: ',', missing: [''] }, quiet);
    expect(Array.from(X.data)).toEqual([1.5, 2, 2.25, 3, -0.5, 4]);
  });

  it('never infers a mostly numeric column with a few text cells as categorical', async () => {
    const path = write('d.csv', 'x,y\n1,a\n2,b\n?,c\n4,d\n');
    expect((await failure(() => plan(path))).message).toBe(
      `${path}, row 3 (line 4), column "x" (#1): "?" is not a number, though 3 of the column's 4 values are (1 text cell); correct those cells, mark such values missing with --na "NA,?", or model the column as levels with --categorical x`,
    );
    const { plan: asText } = await plan(path, { categorical: ['x'] });
    expect(asText.columns.map((c) => c.kind)).toEqual(['categorical', 'categorical']);
  });

  it('refuses empty and NA cells as missing values, counting them per column', async () => {
    const path = write('m.csv', 'a,b,c\n1,,x\nNA,2,y\n,3,x\n4,5,\n');
    expect((await failure(() => plan(path))).message).toBe(
      `${path}: 4 missing cells (empty or "NA") in 3 columns: "a" (#1) 2, first at row 2 (line 3); "b" (#2) 1, at row 1 (line 2); "c" (#3) 1, at row 4 (line 5); refused (--missing error): fit with them, marginalised out of the likelihood, with --missing marginalize, or fill them in, drop those rows, or leave the columns out with --ignore`,
    );
    // The missing cells are known to the reader: NaN in the matrix, counted per column.
    const clean = write('n.csv', 'a,b\n1,2\n3,4\n');
    const { plan: planned } = await plan(clean, { ignore: ['b'] });
    expect(planned.missing).toEqual([0]);
  });

  it('with --missing marginalize keeps them (NaN, counted), except where no family can', async () => {
    const path = write('mm.csv', 'a,b,c\n1,,x\nNA,2,y\n,3,x\n4,5,\n');
    const { plan: kept, table } = await plan(path, {}, cells, 'marginalize');
    expect(kept.missing).toEqual([2, 1, 1]);
    const { X } = await loadMatrix(table, kept, cells, quiet);
    expect(Array.from(X.data.subarray(0, 3)).map(Number.isNaN)).toEqual([false, true, false]);
    expect((await failure(() => plan(path, { t: ['a', 'b'] }, cells, 'marginalize'))).message).toBe(
      `${path}: column "a" (#1): 2 missing cells in a --t column, whose family cannot marginalise them (--missing marginalize works for gaussian, poisson, bernoulli and categorical columns); fill them in or drop those rows`,
    );
    const empty = write('me.csv', 'a,b\n1,\n2,NA\n3,\n');
    expect((await failure(() => plan(empty, {}, cells, 'marginalize'))).message).toBe(
      `${empty}: column "b" (#2): every cell is missing; leave it out with --ignore b`,
    );
  });

  it('rejects unknown names, out-of-range numbers and a column given two roles', async () => {
    const path = write('d.csv', 'height,visits\n1,2\n');
    expect((await failure(() => plan(path, { poisson: ['visitz'] }))).message).toBe(
      `${path}: --poisson visitz: unknown column name (columns: "height", "visits")`,
    );
    expect((await failure(() => plan(path, { gaussian: ['9'] }))).message).toMatch(
      /--gaussian 9: column number out of range \(the file has 2 columns\)/,
    );
    expect((await failure(() => plan(path, { poisson: ['visits'], label: '2' }))).message).toBe(
      `${path}: column "visits" is given to both --label and --poisson`,
    );
    expect((await failure(() => plan(path, { label: 'height', ignore: ['2'] }))).message).toMatch(
      /no columns left to model/,
    );
  });

  it('rejects a duplicate header name, a ragged row and a file without rows', async () => {
    expect((await failure(() => plan(fixture('duplicate-header.csv')))).message).toMatch(
      /duplicate column name "a" \(#1 and #2\)/,
    );
    expect((await failure(() => plan(fixture('ragged.csv')))).message).toMatch(
      /ragged\.csv, row 2 \(line 3\): ragged row: 1 fields but the header has 2; missing a value for column "b" \(#2\)/,
    );
    expect((await failure(() => plan(fixture('extra-field.csv')))).message).toMatch(
      /row 2 \(line 3\).*extra value at column #3/,
    );
    expect((await failure(() => plan(fixture('header-only.csv')))).message).toMatch(/no data rows/);
  });
});

describe('loadMatrix', () => {
  it('encodes straight into one n x d matrix: levels as codes, the label column as codes', async () => {
    const path = write('d.csv', 'region,height,truth\nsouth,1.5,a\nnorth,2.5,b\nsouth,0.5,a\n');
    const { plan: planned, table } = await plan(path, { label: 'truth' });
    const { X, labelCodes } = await loadMatrix(table, planned, cells, quiet);
    expect([X.rows, X.cols]).toEqual([3, 2]);
    expect(Array.from(X.data)).toEqual([1.5, 1, 2.5, 0, 0.5, 1]);
    expect(Array.from(labelCodes ?? [])).toEqual([0, 1, 0]);
  });

  it('divides the vmf block of every row by its length, and refuses a zero row', async () => {
    const path = write('v.csv', 'x,y,z\n3,4,1\n0,2,2\n');
    const { plan: planned, table } = await plan(path, { vmf: ['x', 'y'] });
    const { X } = await loadMatrix(table, planned, cells, quiet);
    expect(planned.columns.map((c) => c.name)).toEqual(['z', 'x', 'y']);
    expect(Array.from(X.data)).toEqual([1, 0.6, 0.8, 2, 0, 1]);
    const zero = write('z.csv', 'x,y\n3,4\n0,0\n');
    const zeroPlan = await plan(zero, { vmf: ['x', 'y'] });
    expect(
      (await failure(() => loadMatrix(zeroPlan.table, zeroPlan.plan, cells, quiet))).message,
    ).toBe(
      `${zero}, row 2 (line 3): the --vmf columns "x", "y" are all 0, so the row has no direction (a von Mises-Fisher row needs a nonzero vector)`,
    );
  });
});

describe('LabelCoder', () => {
  it('codes values by first appearance and grows past its first capacity', () => {
    const coder = new LabelCoder(2);
    for (const value of ['b', 'a', 'b', 'c', 'a']) coder.add(value);
    expect(Array.from(coder.labels())).toEqual([0, 1, 0, 2, 1]);
  });
});
