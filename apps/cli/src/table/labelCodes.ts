import type { RawTable } from './readTable.js';

/** The label column as integer codes (one per distinct value), for scoring with ARI. */
export function labelCodes(table: RawTable, column: number): Int32Array {
  const codes = new Map<string, number>();
  return Int32Array.from(table.rows, (row) => {
    const value = row[column] as string;
    let code = codes.get(value);
    if (code === undefined) {
      code = codes.size;
      codes.set(value, code);
    }
    return code;
  });
}
