import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../test/helpers/fixtureFiles.js';
import { runMixkit } from './runMixkit.js';

/** A folder holding one file `name` with `contents`. */
function folderWith(name: string, contents: string | Uint8Array): string {
  const dir = freshDir();
  writeFileSync(join(dir, name), contents);
  return dir;
}

/** 60 rows of two numeric columns in three groups, as CSV lines (no header). */
function groupedRows(format: (value: number) => string, delimiter = ','): string[] {
  return Array.from({ length: 60 }, (_, i) => {
    const group = i % 3;
    const x = group * 10 + ((i * 7) % 5) * 0.25;
    const y = -group * 5 + ((i * 3) % 7) * 0.125;
    return `${format(x)}${delimiter}${format(y)}`;
  });
}

describe('type inference never turns a numeric column into text silently', () => {
  it('decimal commas: an error naming the cell and --decimal comma; with it, a numeric fit', () => {
    const rows = groupedRows((v) => v.toFixed(2).replace('.', ','), ';');
    const dir = folderWith('euro.csv', `x;y\n${rows.join('\n')}\n`);
    const refused = runMixkit(['fit', 'euro.csv', '--k', '3'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'mixkit: euro.csv, row 1 (line 2), column "x" (#1): "0,00" has a decimal comma (60 cells of the column do); read such numbers with --decimal comma, or keep the column as text with --categorical x\n',
    );
    expect(readdirSync(dir)).toEqual(['euro.csv']);
    const fitted = runMixkit(['fit', 'euro.csv', '--k', '3', '--decimal', 'comma', '--json'], dir);
    expect(fitted.stderr).toBe('');
    expect(fitted.status).toBe(0);
    const report = JSON.parse(fitted.stdout);
    expect(report.columns.map((c: { kind: string }) => c.kind)).toEqual(['gaussian', 'gaussian']);
    expect(report.components.map((c: { size: number }) => c.size).sort()).toEqual([20, 20, 20]);
  });

  it('a few text cells in a numeric column: an error with the count and what to do', () => {
    const rows = groupedRows((v) => String(v));
    rows[7] = '?,1';
    rows[30] = 'n/a,2';
    const dir = folderWith('typo.csv', `x,y\n${rows.join('\n')}\n`);
    const refused = runMixkit(['fit', 'typo.csv'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'mixkit: typo.csv, row 8 (line 9), column "x" (#1): "?" is not a number, though 58 of the column\'s 60 values are (2 text cells); correct those cells, mark such values missing with --na "NA,?", or model the column as levels with --categorical x\n',
    );
    const asText = runMixkit(['fit', 'typo.csv', '--categorical', 'x', '--json'], dir);
    expect(asText.status).toBe(0);
    expect(JSON.parse(asText.stdout).columns[1]).toMatchObject({ name: 'x', kind: 'categorical' });
  });

  it('empty and NA cells are missing: refused with their count per column (--missing error)', () => {
    const rows = groupedRows((v) => String(v));
    rows[2] = ',1';
    rows[10] = 'NA,2';
    rows[11] = '3,';
    const dir = folderWith('gaps.csv', `x,y\n${rows.join('\n')}\n`);
    for (const args of [[], ['--missing', 'error']]) {
      const refused = runMixkit(['fit', 'gaps.csv', ...args], dir);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(
        'mixkit: gaps.csv: 3 missing cells (empty or "NA") in 2 columns: "x" (#1) 2, first at row 3 (line 4); "y" (#2) 1, at row 12 (line 13); refused (--missing error): fit with them, marginalised out of the likelihood, with --missing marginalize, or fill them in, drop those rows, or leave the columns out with --ignore\n',
      );
    }
    expect(runMixkit(['fit', 'gaps.csv', '--missing', 'impute'], dir).stderr).toBe(
      'mixkit: --missing impute: "impute" is not one of error, marginalize\n',
    );
    expect(
      runMixkit(['fit', 'gaps.csv', '--missing', 'marginalize', '--redis', 'redis://x:1'], dir)
        .stderr,
    ).toBe(
      'mixkit: --missing marginalize: not available with --redis yet; fit the file locally (without --redis)\n',
    );
    expect(
      runMixkit(
        ['fit', 'gaps.csv', '--algo', 'kmeans', '--k', '2', '--missing', 'marginalize'],
        dir,
      ).stderr,
    ).toBe(
      'mixkit: gaps.csv: 3 missing cells; --algo kmeans cannot fit missing cells (--missing marginalize works with --algo em over a grid): use --algo em, or fill them in or drop those rows\n',
    );
    expect(readdirSync(dir)).toEqual(['gaps.csv']);
  });

  it('--missing marginalize fits with them, reports their count, and predict labels rows with gaps', () => {
    const rows = groupedRows((v) => String(v));
    rows[2] = ',1';
    rows[10] = 'NA,2';
    rows[11] = '3,';
    const dir = folderWith('gaps.csv', `x,y\n${rows.join('\n')}\n`);
    const fitted = runMixkit(
      ['fit', 'gaps.csv', '--k', '2', '--missing', 'marginalize', '--json'],
      dir,
    );
    expect(fitted.status).toBe(0);
    const report = JSON.parse(fitted.stdout);
    expect(report.missingCells).toBe(3);
    const text = runMixkit(['fit', 'gaps.csv', '--k', '2', '--missing', 'marginalize'], dir);
    expect(text.stdout).toContain('3 missing cells (2.5% of the modelled cells), marginalised out');
    const labels = readFileSync(join(dir, 'gaps.labels.csv'), 'utf8').trim().split('\n');
    expect(labels).toHaveLength(rows.length + 1);
    const predicted = runMixkit(
      ['predict', 'gaps.model.json', 'gaps.csv', '--out', 'p.csv', '--json'],
      dir,
    );
    expect(predicted.status).toBe(0);
    expect(JSON.parse(predicted.stdout).missingCells).toBe(3);
    expect(readFileSync(join(dir, 'p.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'gaps.labels.csv'), 'utf8'),
    );
    // Streamed EM (out of core) marks each chunk's rows with gaps the same way.
    const streamed = runMixkit(
      ['fit', 'gaps.csv', '--k', '2', '--missing', 'marginalize', '--out-of-core', 'always'],
      dir,
    );
    expect(streamed.status).toBe(0);
    expect(streamed.stdout).toContain('3 missing cells (2.5% of the modelled cells)');
    expect(streamed.stdout).toContain('fitted out of core');
  });

  it('predict refuses rows with gaps for a model not fitted with --missing marginalize', () => {
    const rows = groupedRows((v) => String(v));
    const dir = folderWith('clean.csv', `x,y\n${rows.join('\n')}\n`);
    expect(runMixkit(['fit', 'clean.csv', '--k', '2'], dir).status).toBe(0);
    rows[4] = '1,NA';
    writeFileSync(join(dir, 'gaps.csv'), `x,y\n${rows.join('\n')}\n`);
    const refused = runMixkit(['predict', 'clean.model.json', 'gaps.csv', '--out', 'p.csv'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'mixkit: gaps.csv: 1 missing cell (empty or "NA") in 1 column: "y" (#2) 1, at row 5 (line 6); the model in clean.model.json was not fitted with --missing marginalize, so it cannot label rows with missing cells: fill them in, drop those rows, or refit with --missing marginalize\n',
    );
    expect(readdirSync(dir).includes('p.csv')).toBe(false);
  });

  it('UTF-16 files (with or without a byte-order mark, either byte order) are decoded', () => {
    const text = `größe,y\n${groupedRows((v) => String(v)).join('\n')}\n`;
    const le = Buffer.from(text, 'utf16le');
    const files = {
      'le-bom.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      'be-bom.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
      'le-bare.csv': le,
    };
    const dir = freshDir();
    writeFileSync(join(dir, 'utf8.csv'), text);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const expected = JSON.parse(runMixkit(['fit', 'utf8.csv', '--json'], dir).stdout);
    expect(expected.encoding).toBe('utf-8');
    for (const [name, encoding] of [
      ['le-bom.csv', 'utf-16le'],
      ['be-bom.csv', 'utf-16be'],
      ['le-bare.csv', 'utf-16le'],
    ] as const) {
      const run = runMixkit(['fit', name, '--json'], dir);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.encoding).toBe(encoding);
      expect(report.columns.map((c: { name: string; kind: string }) => [c.name, c.kind])).toEqual([
        ['größe', 'gaussian'],
        ['y', 'gaussian'],
      ]);
      expect(report.logLikelihood).toBe(expected.logLikelihood);
    }
    const text16 = runMixkit(['fit', 'le-bom.csv'], dir).stdout.split('\n');
    expect(text16[1]).toBe('  read as UTF-16LE text');
  });

  it('bytes that are not UTF-8 (a Latin-1 file) are an error naming the line and byte', () => {
    const dir = folderWith('latin1.csv', Buffer.from('name,x\ncaf\xe9,1\nthé,2\n', 'latin1'));
    const run = runMixkit(['fit', 'latin1.csv'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'mixkit: latin1.csv, line 2: not UTF-8 text (byte 0xE9 at offset 10); save the file as UTF-8 (or UTF-16 with a byte-order mark)\n',
    );
  });
});
