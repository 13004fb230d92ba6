import { createMatrix, type Matrix } from '@mixkit/core';
import { parseNumber } from '@mixkit/csv';
import { CliError, describeCell } from '../cliError.js';
import type { ColumnKind, ColumnPlan } from './columnKind.js';
import { columnKinds } from './columnKind.js';
import type { RawTable } from './readTable.js';

/** A table turned into the numeric matrix the model sees. */
export interface EncodedTable {
  /** n x d, columns in `columns` order. */
  readonly X: Matrix;
  /** The modelled columns in matrix order, categorical ones with their levels. */
  readonly columns: readonly ColumnPlan[];
}

/**
 * Puts the columns in matrix order: one contiguous block per kind, in `columnKinds` order, file
 * order within a block. A block is what one component family reads.
 */
export function orderColumns(columns: readonly ColumnPlan[]): ColumnPlan[] {
  const rank = (kind: ColumnKind) => columnKinds.indexOf(kind);
  return [...columns].sort((a, b) => rank(a.kind) - rank(b.kind) || a.sourceIndex - b.sourceIndex);
}

/**
 * Encodes `columns` of `table` (matrix column j is `columns[j]`), checking every cell against its
 * column's kind. Categorical levels are taken from `columns` when they carry them (a saved
 * model: an unseen level is an error), and are otherwise collected from the data and sorted.
 */
export function encodeTable(table: RawTable, columns: readonly ColumnPlan[]): EncodedTable {
  const ordered = columns.map((column) =>
    column.kind === 'categorical' && column.levels === undefined
      ? { ...column, levels: collectLevels(table, column.sourceIndex) }
      : column,
  );
  const n = table.rows.length;
  const d = ordered.length;
  const X = createMatrix(n, d);
  ordered.forEach((column, j) => {
    const codes = column.levels ? new Map(column.levels.map((level, code) => [level, code])) : null;
    for (let i = 0; i < n; i++) {
      const text = (table.rows[i] as readonly string[])[column.sourceIndex] as string;
      const fail = (reason: string): never => {
        throw new CliError(
          `${describeCell({ file: table.file, row: i + 1, line: table.lines[i] as number, columnName: column.name, column: column.sourceIndex })}: ${reason}`,
        );
      };
      X.data[i * d + j] = codes
        ? encodeLevel(codes, text, fail)
        : encodeValue(column.kind, text, fail);
    }
  });
  return { X, columns: ordered };
}

/** Sorted distinct values: numerically when all are numbers, else by code point. */
export function collectLevels(table: RawTable, column: number): string[] {
  const levels = [...new Set(table.rows.map((row) => row[column] as string))];
  const numeric = levels.every((level) => parseNumber(level) !== undefined);
  return numeric
    ? levels.sort((a, b) => (parseNumber(a) as number) - (parseNumber(b) as number))
    : levels.sort();
}

function encodeLevel(codes: Map<string, number>, text: string, fail: (r: string) => never): number {
  const code = codes.get(text);
  if (code === undefined) {
    const known = [...codes.keys()].slice(0, 8).map((l) => `"${l}"`);
    return fail(
      `"${text}" is not a level the model was fitted with (levels: ${known.join(', ')}${codes.size > 8 ? ', ...' : ''})`,
    );
  }
  return code;
}

function encodeValue(kind: ColumnKind, text: string, fail: (reason: string) => never): number {
  if (text === '') return fail('empty value (missing values are not supported)');
  const value = parseNumber(text);
  if (value === undefined) {
    return fail(
      kind === 'gaussian'
        ? `"${text}" is not a number (use --categorical for a text column)`
        : `"${text}" is not a number, as --${kind} requires`,
    );
  }
  switch (kind) {
    case 'poisson':
    case 'counts':
      if (!Number.isInteger(value) || value < 0) {
        return fail(`${text} is not a non-negative integer count, as --${kind} requires`);
      }
      return value;
    case 'bernoulli':
      if (value !== 0 && value !== 1) return fail(`${text} is not 0 or 1, as --bernoulli requires`);
      return value;
    default:
      return value;
  }
}
