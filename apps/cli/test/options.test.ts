import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cliError.js';
import { collectList } from '../src/options/collectList.js';
import { siblingPath } from '../src/options/outputPaths.js';
import { parseChoices } from '../src/options/parseChoices.js';
import { parseKRange } from '../src/options/parseKRange.js';
import { parseNumberOption } from '../src/options/parseNumberOption.js';
import { formatNumber } from '../src/output/formatNumber.js';
import { writeFilesAtomically } from '../src/output/writeFilesAtomically.js';

describe('parseKRange', () => {
  it('reads a count, a range and a list of counts and ranges, sorted without duplicates', () => {
    expect(parseKRange('3')).toEqual([3]);
    expect(parseKRange('2..5')).toEqual([2, 3, 4, 5]);
    expect(parseKRange('5,2..3,3')).toEqual([2, 3, 5]);
  });

  it('rejects empty ranges, zero and garbage with the option named', () => {
    expect(() => parseKRange('5..2')).toThrow(/--k 5\.\.2: range 5\.\.2 is empty/);
    expect(() => parseKRange('0..2')).toThrow(/at least 1/);
    expect(() => parseKRange('two')).toThrow(CliError);
  });
});

describe('option parsers', () => {
  it('parseChoices keeps allowed values in order and names the bad one', () => {
    expect(parseChoices('--covariance', 'diag, full,diag', ['full', 'diag', 'tied'])).toEqual([
      'diag',
      'full',
    ]);
    expect(() => parseChoices('--covariance', 'ful', ['full', 'diag'])).toThrow(
      '--covariance ful: "ful" is not one of full, diag',
    );
  });

  it('parseNumberOption checks integers and bounds', () => {
    expect(parseNumberOption('--tolerance', '1e-4', { min: 0 })).toBe(1e-4);
    expect(() => parseNumberOption('--n-init', '2.5', { integer: true })).toThrow(
      '--n-init 2.5: not an integer',
    );
    expect(() => parseNumberOption('--n-init', '0', { min: 1 })).toThrow('must be at least 1');
    expect(() => parseNumberOption('--seed', 'x')).toThrow('--seed x: not a number');
  });

  it('collectList splits commas and accumulates repeated options', () => {
    expect(collectList('c', collectList('a, b', undefined))).toEqual(['a', 'b', 'c']);
  });

  it('siblingPath puts outputs beside the input', () => {
    expect(siblingPath(join('dir', 'iris.csv'), '.labels.csv')).toBe(
      join('dir', 'iris.labels.csv'),
    );
    expect(siblingPath('data', '.model.json')).toBe('data.model.json');
  });

  it('formatNumber gives short readable numbers', () => {
    expect(
      [1234.5678, 0.000012346, 2, -0.5, 1.23456e7, 2.5e20].map((v) => formatNumber(v)),
    ).toEqual(['1235', '1.235e-5', '2', '-0.5', '12345600', '2.5e+20']);
  });
});

describe('writeFilesAtomically', () => {
  it('writes every file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mixkit-write-'));
    writeFilesAtomically([
      { path: join(dir, 'a.csv'), contents: 'a\n' },
      { path: join(dir, 'b.json'), contents: '{}' },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.json']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('a\n');
  });

  it('writes nothing when one of the files cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mixkit-write-'));
    writeFileSync(join(dir, 'keep.txt'), 'old');
    expect(() =>
      writeFilesAtomically([
        { path: join(dir, 'a.csv'), contents: 'a\n' },
        { path: join(dir, 'missing-folder', 'b.json'), contents: '{}' },
      ]),
    ).toThrow(/missing-folder.*cannot write output \(ENOENT\)/);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });
});
