import { describe, expect, it } from 'vitest';
import { DistributedError } from '../src/index.js';
import { emDataOnShards } from '../src/tasks/emDataOnShards.js';

const rows = { rows: 4, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8) };
const shared = {
  families: [{ kind: 'gaussian-diag', options: {} }],
  blockSize: 1024,
  shardRows: 4,
};

function failure(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return DistributedError.isInstance(error) ? error.failure : 'untyped';
  }
  return undefined;
}

describe("EM's data task on workers: hostile payloads are typed refusals", () => {
  it('rebuilds a shard from the shared part and the rows the worker read', () => {
    const { setup, view } = emDataOnShards.rebuild(shared, undefined, rows);
    expect(setup).toMatchObject({ blockSize: 1024, shardRows: 4, families: shared.families });
    expect(view).toEqual([rows.data]);
  });

  it.each([
    ['no family', { ...shared, families: [] }],
    ['a family as code', { ...shared, families: [{ kind: 'gaussian-diag', options: () => 0 }] }],
    ['a block size of 0', { ...shared, blockSize: 0 }],
    ['no shard size', { ...shared, shardRows: undefined }],
  ])('refuses a setup with %s', (_, value) => {
    expect(failure(() => emDataOnShards.rebuild(value, undefined, rows))).toBe('invalid-payload');
  });

  it.each([
    ['an unknown kind', { kind: 'delete' }],
    ['rows as numbers', { kind: 'rows', rows: [1, 2] }],
    ['rows out of order', { kind: 'rows', rows: Int32Array.of(3, 1) }],
    ['a negative row', { kind: 'rows', rows: Int32Array.of(-1) }],
    ['too many rows', { kind: 'rows', rows: new Int32Array(70_000).map((_, i) => i) }],
  ])('refuses a request with %s', (_, wire) => {
    const { setup } = emDataOnShards.rebuild(shared, undefined, rows);
    expect(failure(() => emDataOnShards.checkInput(wire, setup))).toBe('invalid-payload');
  });

  it('accepts the two requests a fit makes', () => {
    const { setup } = emDataOnShards.rebuild(shared, undefined, rows);
    expect(failure(() => emDataOnShards.checkInput({ kind: 'stats' }, setup))).toBeUndefined();
    const wire = { kind: 'rows', rows: Int32Array.of(0, 3) };
    expect(failure(() => emDataOnShards.checkInput(wire, setup))).toBeUndefined();
  });
});
