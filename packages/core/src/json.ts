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
  readonly kind: string;
  readonly version: number;
}
