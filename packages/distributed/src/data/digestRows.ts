import { createHash } from 'node:crypto';

/** Hex SHA-256 of the bytes of some arrays, in order: a shard's rows as a task reads them. */
export function digestRows(arrays: readonly Float64Array[]): string {
  const hash = createHash('sha256');
  for (const array of arrays) {
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }
  return hash.digest('hex');
}
