/** A value that `JSON.stringify` writes and `JSON.parse` reads back unchanged. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A serialized object that names what it is and which format version wrote it. */
export interface Versioned {
  /** What the object is (a family's kind, `'mixture'`, ...). */
  readonly kind: string;
  /** The format version that wrote it; readers reject versions they do not know. */
  readonly version: number;
}
