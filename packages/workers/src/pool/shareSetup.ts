/**
 * A session's setup with every typed array placed on a `SharedArrayBuffer` (copied once, unless
 * it already is on one), so that posting it to each worker shares the data instead of copying
 * it per worker. Plain objects and arrays are walked; other values are kept. Without
 * `SharedArrayBuffer` (a page that is not cross-origin isolated) the setup is returned as it is
 * and each worker receives its own copy once per session.
 */
export function shareSetup<T>(setup: T): T {
  if (typeof SharedArrayBuffer === 'undefined') return setup;
  // Arrays seen twice (the same buffer under two names) are shared once.
  return share(setup, new Map()) as T;
}

function share(value: unknown, seen: Map<ArrayBufferView, ArrayBufferView>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof SharedArrayBuffer || value instanceof DataView) return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    const copy = sharedCopy(value);
    seen.set(value, copy);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => share(item, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = share(item, seen);
  return out;
}

/**
 * A copy on a `SharedArrayBuffer` of the typed arrays mixkit's tasks use (doubles, 32-bit
 * integers, bytes); any other view stays as it is (and is cloned per worker).
 */
function sharedCopy(view: ArrayBufferView): ArrayBufferView {
  const buffer = new SharedArrayBuffer(view.byteLength);
  if (view instanceof Float64Array) return copyInto(new Float64Array(buffer), view);
  if (view instanceof Int32Array) return copyInto(new Int32Array(buffer), view);
  if (view instanceof Uint8Array) return copyInto(new Uint8Array(buffer), view);
  return view;
}

function copyInto<T extends Float64Array | Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
