import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '@mixkit/core';
import type { GaussianModelName } from '@mixkit/distributions';

/** One data set's fixture, written by `scripts/mclustFixtures.R` (see there for the fields). */
export interface MclustFixture {
  readonly name: string;
  readonly n: number;
  readonly d: number;
  readonly mclustVersion: string;
  readonly hc: readonly (readonly number[])[];
  readonly bic: {
    readonly table: Readonly<Record<string, Readonly<Record<GaussianModelName, number | null>>>>;
    readonly modelName: GaussianModelName;
    readonly G: number;
    readonly bic: number;
    readonly loglik: number;
    readonly df: number;
  };
  readonly traceG: number;
  readonly traces: Readonly<
    Record<
      GaussianModelName,
      {
        readonly loglik: readonly number[];
        readonly iterations: number;
        readonly finalLoglik: number | null;
      }
    >
  >;
  readonly summary: readonly string[];
  readonly print: readonly string[];
}

/** The data sets the R script exports. */
export const mclustDataSets = [
  'faithful',
  'iris',
  'diabetes',
  'banknote',
  'thyroid',
  'wreath',
] as const;

const folder = fileURLToPath(new URL('../src/__fixtures__/mclust/', import.meta.url));

/** The data (from its CSV) and the fixture of one data set. */
export function loadMclustFixture(name: string): {
  readonly X: Matrix;
  readonly fixture: MclustFixture;
} {
  const fixture = JSON.parse(readFileSync(`${folder}${name}.json`, 'utf8')) as MclustFixture;
  const lines = readFileSync(`${folder}${name}.csv`, 'utf8').trim().split('\n').slice(1);
  const cols = fixture.d;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, i) => {
    line.split(',').forEach((value, j) => {
      data[i * cols + j] = Number(value);
    });
  });
  return { X: { rows: lines.length, cols, data }, fixture };
}
