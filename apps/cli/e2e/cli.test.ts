import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, writeIrisCsv, writeMixedCsv } from '../test/helpers/fixtureFiles.js';
import { binPath, runMixkit } from './runMixkit.js';

describe('the built mixkit bin', () => {
  it('is an executable ESM file with a node shebang', () => {
    expect(readFileSync(binPath, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(binPath).mode & 0o111).not.toBe(0);
  });

  it('prints help with examples and exits 0', () => {
    const run = runMixkit(['fit', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: mixkit fit [options] <data>');
    expect(run.stdout).toContain('Examples:');
  });

  it('fits a CSV, writes labels and model beside it, and predicts with the model', () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir);
    const fit = runMixkit(['fit', 'iris.csv', '--label', 'species', '--k', '3'], dir);
    expect(fit.stderr).toBe(''); // no progress bar: stderr is not a terminal
    expect(fit.status).toBe(0);
    expect(fit.stdout).toMatch(/Agreement with "species": adjusted Rand index 0\.\d+/);
    expect(readdirSync(dir).sort()).toEqual(['iris.csv', 'iris.labels.csv', 'iris.model.json']);
    const labels = readFileSync(join(dir, 'iris.labels.csv'), 'utf8');
    expect(labels.split('\n')).toHaveLength(152);
    const predict = runMixkit(['predict', 'iris.model.json', file, '--out', 'again.csv'], dir);
    expect(predict.status).toBe(0);
    expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(labels);
  });

  it('reads TSV, selects k by BIC and prints JSON', () => {
    const dir = freshDir();
    const file = writeIrisCsv(dir, '\t', 'iris.tsv');
    const run = runMixkit(['fit', file, '--ignore', 'species', '--k', '1..4', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.selection.rows).toHaveLength(4);
    expect(report.rows).toBe(150);
    expect(existsSync(join(dir, 'iris.labels.csv'))).toBe(true);
  });

  it('fits mixed column types', () => {
    const dir = freshDir();
    const { file } = writeMixedCsv(dir);
    const run = runMixkit(['fit', file, '--poisson', 'visits', '--label', 'truth']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('each gaussian-full x poisson x categorical');
  });

  it('fails with one line and status 2 on bad input, leaving no file behind', () => {
    const dir = freshDir();
    writeIrisCsv(dir);
    const run = runMixkit(['fit', 'iris.csv', '--poisson', 'petal width (cm)'], dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^mixkit: iris\.csv, row 1 \(line 2\), column "petal width \(cm\)" \(#4\): 0\.2 is not a non-negative integer count, as --poisson requires \(and at least 136 more cells\)\n$/,
    );
    expect(readdirSync(dir)).toEqual(['iris.csv']);
    const missing = runMixkit(['fit', 'missing.csv'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('mixkit: missing.csv: cannot read file (no such file)\n');
  });
});
