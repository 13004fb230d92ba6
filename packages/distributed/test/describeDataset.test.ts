import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '@mixkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDataset, loadDataset } from '../src/index.js';
import { writeTestData } from './testData.js';

describe('describeDataset', () => {
  const data = writeTestData(1_234, 5, 3, 400);
  afterAll(() => rmSync(data.root, { recursive: true, force: true }));

  it('gives the parts loadDataset gives, and the shape, without the rows', async () => {
    const described = await describeDataset(data.sources, data.root);
    const loaded = await loadDataset(data.sources, data.root);
    expect(described.parts).toEqual(loaded.parts);
    expect(described.parts.map((part) => part.rows)).toEqual([400, 834]);
    expect(described.rows).toBe(1_234);
    expect(described.cols).toBe(5);
    expect(described).not.toHaveProperty('X');
  });

  it('counts CSV rows as the reader does: no header, other delimiters, blank lines skipped', async () => {
    writeFileSync(join(data.root, 'semi.csv'), '1;2\n\n3;4\n5;6\n\n');
    const source = { kind: 'csv', path: 'semi.csv', header: false, delimiter: ';' } as const;
    const described = await describeDataset([source], data.root);
    const loaded = await loadDataset([source], data.root);
    expect(described.parts).toEqual([{ source, rows: 3 }]);
    expect(loaded.X.rows).toBe(3);
    expect(described.cols).toBe(2);
  });

  it('refuses sources of different widths, a ragged CSV and an empty list, with typed errors', async () => {
    writeFileSync(join(data.root, 'three.csv'), 'a,b,c\n1,2,3\n');
    writeFileSync(join(data.root, 'ragged.csv'), 'a,b\n1,2\n3\n');
    await expect(
      describeDataset([...data.sources, { kind: 'csv', path: 'three.csv' }], data.root),
    ).rejects.toThrow(/has 3 columns where the first source has 5/);
    const ragged = describeDataset([{ kind: 'csv', path: 'ragged.csv' }], data.root);
    await expect(ragged).rejects.toBeInstanceOf(InvalidInputError);
    await expect(describeDataset([], data.root)).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('loadDataset', () => {
  const data = writeTestData(50, 2, 2, 10);
  afterAll(() => rmSync(data.root, { recursive: true, force: true }));

  it('names the row of a ragged CSV line in a typed error', async () => {
    writeFileSync(join(data.root, 'ragged.csv'), 'a,b\n1,2\n3\n');
    const loading = loadDataset([{ kind: 'csv', path: 'ragged.csv' }], data.root);
    await expect(loading).rejects.toBeInstanceOf(InvalidInputError);
    await expect(loading).rejects.toThrow(/has 1 cells where earlier rows have 2/);
  });
});
