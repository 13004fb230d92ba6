/** One documented entry point: its import path and its source file. */
export interface EntryPoint {
  readonly module: string;
  readonly file: string;
}

/** A library package under packages/ and its documented entry points. */
export interface LibraryPackage {
  readonly name: string;
  readonly dir: string;
  readonly private: boolean;
  readonly entries: readonly EntryPoint[];
}

export const repoRoot: string;
export function libraryPackages(): LibraryPackage[];
