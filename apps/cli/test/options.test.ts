import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cliError.js';
import { collectList } from '../src/options/collectList.js';
import { siblingPath } from '../src/options/outputPaths.js';
import { parseCellSettings } from '../src/options/parseCellSettings.js';
import { parseChoices } from '../src/options/parseChoices.js';
import { parseKRange } from '../src/options/parseKRange.js';
import { parseMemoryLimit } from '../src/options/parseMemoryLimit.js';
import { parseNumberOption } from '../src/options/parseNumberOption.js';
import { formatNumber } from '../src/output/formatNumber.js';
import { StagedOutputs } from '../src/output/stagedOutputs.js';

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

describe('StagedOutputs', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'mixkit-write-'));

  it('creates temporary files at once and renames them into place on commit', () => {
    const folder = dir();
    const outputs = new StagedOutputs(
      [
        { path: join(folder, 'a.csv'), option: '--labels-out' },
        { path: join(folder, 'b.json'), option: '--model-out' },
      ],
      [],
    );
    expect(readdirSync(folder).every((name) => name.endsWith('.tmp'))).toBe(true);
    outputs.file(join(folder, 'a.csv')).write('a\n');
    outputs.file(join(folder, 'b.json')).write('{}');
    outputs.commit();
    expect(readdirSync(folder).sort()).toEqual(['a.csv', 'b.json']);
    expect(readFileSync(join(folder, 'a.csv'), 'utf8')).toBe('a\n');
  });

  it('discard removes every temporary file and leaves existing files alone', () => {
    const folder = dir();
    writeFileSync(join(folder, 'keep.txt'), 'old');
    const outputs = new StagedOutputs([{ path: join(folder, 'keep.txt'), option: '--out' }], []);
    outputs.file(join(folder, 'keep.txt')).write('x'.repeat(100_000));
    outputs.discard();
    expect(readdirSync(folder)).toEqual(['keep.txt']);
    expect(readFileSync(join(folder, 'keep.txt'), 'utf8')).toBe('old');
  });

  it('refuses a folder, a path under a file, a missing folder, an input and two equal outputs', () => {
    const folder = dir();
    const input = join(folder, 'data.csv');
    writeFileSync(input, 'x\n1\n');
    symlinkSync(input, join(folder, 'link.csv'));
    const refuse = (path: string, message: RegExp, other?: string) => {
      const outputs = [{ path, option: '--out' }];
      if (other !== undefined) outputs.push({ path: other, option: '--model-out' });
      expect(() => new StagedOutputs(outputs, [input])).toThrow(message);
      expect(readdirSync(folder).sort()).toEqual(['data.csv', 'link.csv']);
    };
    refuse(folder, /is a folder; give a file name/);
    refuse(join(input, 'x.csv'), /a part of the path is a file, not a folder/);
    refuse(join(folder, 'nope', 'x.csv'), /the folder .*nope does not exist/);
    refuse(input, /is the input file .*data\.csv; it would be overwritten/);
    refuse(join(folder, 'link.csv'), /is the input file .*data\.csv \(under another name\)/);
    refuse(join(folder, 'a.csv'), /the same file as/, join(folder, '.', 'a.csv'));
    expect(() => new StagedOutputs([{ path: '/dev/null', option: '--out' }], [])).toThrow(
      '--out /dev/null: is not a regular file (a device or a pipe); give a file name',
    );
  });
});

describe('parseKRange limits and the other value parsers', () => {
  it('refuses absurd grids before expanding them', () => {
    const started = Date.now();
    expect(() => parseKRange('2..100000000')).toThrow(
      '--k 2..100000000: 99,999,999 numbers of components, one fit each; a grid takes at most 200',
    );
    expect(() => parseKRange('1..150,300..400')).toThrow(/at most 200/);
    expect(() => parseKRange('99999999999999999999')).toThrow(/is too large/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(parseKRange('1..200')).toHaveLength(200);
  });

  it('parseMemoryLimit reads MiB or a unit, and parseCellSettings the decimal mark and NA tokens', () => {
    expect(parseMemoryLimit('512')).toBe(512 * 2 ** 20);
    expect(parseMemoryLimit('2G')).toBe(2 * 2 ** 30);
    expect(parseMemoryLimit('1.5g')).toBe(1.5 * 2 ** 30);
    expect(parseMemoryLimit(undefined)).toBeGreaterThan(0);
    expect(() => parseMemoryLimit('lots')).toThrow(/--memory-limit lots: expected a size/);
    expect(parseCellSettings('point', undefined)).toEqual({ decimal: '.', missing: ['', 'NA'] });
    expect(parseCellSettings('comma', ['?', 'NA'])).toEqual({
      decimal: ',',
      missing: ['', '?', 'NA'],
    });
    expect(parseCellSettings('point', ['none'])).toEqual({ decimal: '.', missing: [''] });
    expect(() => parseCellSettings('dot', undefined)).toThrow(/--decimal dot/);
  });
});
