import type { ColumnKind, ColumnPlan } from '../table/columnKind.js';

/** A run of matrix columns of one kind: what one component family models. */
export interface FamilyBlock {
  readonly kind: ColumnKind;
  /** The block's columns, in matrix order. */
  readonly columns: readonly ColumnPlan[];
  /** First matrix column of the block. */
  readonly start: number;
}

/** Splits columns (already in matrix order, see `orderColumns`) into one block per kind. */
export function familyBlocks(columns: readonly ColumnPlan[]): FamilyBlock[] {
  const blocks: { kind: ColumnKind; columns: ColumnPlan[]; start: number }[] = [];
  columns.forEach((column, index) => {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && last.kind === column.kind) last.columns.push(column);
    else blocks.push({ kind: column.kind, columns: [column], start: index });
  });
  return blocks;
}
