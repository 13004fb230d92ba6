import { Packr } from 'msgpackr';
import { DistributedError } from '../errors/distributedError.js';

/**
 * The binary form of everything a distributed fit stores in Redis (session setups, round inputs,
 * shard outputs): MessagePack through msgpackr (BullMQ's own codec), with typed arrays kept
 * as typed arrays, bit for bit. Records and shared structures are off, so a payload decodes
 * on its own, and decoding is followed by `checkWireValue`: only plain data comes out.
 */
const packr = new Packr({
  moreTypes: true,
  useRecords: false,
  mapsAsObjects: true,
  int64AsType: 'number',
});

/** Default largest payload, in bytes (64 MiB): an input, a setup or one shard's output. */
export const defaultMaxPayloadBytes = 64 * 1024 * 1024;

/** The deepest nesting a payload may have (family statistics are a few levels deep). */
const maxDepth = 32;

/** Encodes a plain value (see `checkWireValue`), refusing one larger than `maxBytes`. */
export function encodeWire(value: unknown, what: string, maxBytes: number): Buffer {
  checkWireValue(value, what);
  const bytes = packr.pack(value);
  if (bytes.byteLength > maxBytes) {
    throw new DistributedError(
      'invalid-payload',
      `${what} is ${bytes.byteLength} bytes, over the limit of ${maxBytes}`,
    );
  }
  return bytes;
}

/**
 * Decodes a payload read from Redis: refused before decoding when larger than `maxBytes`,
 * refused after when it is not plain data (anything msgpackr can build besides plain objects,
 * arrays, numbers, strings, booleans, null, undefined and Float64/Int32/Uint8 arrays).
 */
export function decodeWire(bytes: Uint8Array, what: string, maxBytes: number): unknown {
  if (bytes.byteLength > maxBytes) {
    throw new DistributedError(
      'invalid-payload',
      `${what} is ${bytes.byteLength} bytes, over the limit of ${maxBytes}`,
    );
  }
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch (error) {
    throw new DistributedError('invalid-payload', `${what} is not MessagePack`, { cause: error });
  }
  checkWireValue(value, what);
  return value;
}

/** Throws `invalid-payload` unless `value` is plain data of bounded depth. */
export function checkWireValue(value: unknown, what: string): void {
  const problem = findProblem(value, 0);
  if (problem !== undefined) throw new DistributedError('invalid-payload', `${what}: ${problem}`);
}

function findProblem(value: unknown, depth: number): string | undefined {
  if (depth > maxDepth) return `nested deeper than ${maxDepth}`;
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return undefined;
    case 'object':
      break;
    default:
      return `holds a ${typeof value}`;
  }
  if (value instanceof Float64Array || value instanceof Int32Array || value instanceof Uint8Array) {
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findProblem(item, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    return `holds a ${value.constructor?.name ?? 'non-plain object'}`;
  }
  for (const item of Object.values(value)) {
    const problem = findProblem(item, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
