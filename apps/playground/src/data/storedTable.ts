// The user's table is not in the URL (it can be large); it is kept in the tab's session
// storage, so a reload finds it again.

/** Session-storage key of the user's last table (`{ text, source }`). */
const STORAGE_KEY = 'mixkit-playground-table';

/** The table kept by `storeTable` in this tab, if any. */
export function readStoredTable(): { text: string; source: string } | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'text' in parsed &&
      'source' in parsed &&
      typeof parsed.text === 'string' &&
      typeof parsed.source === 'string'
    ) {
      return { text: parsed.text, source: parsed.source };
    }
  } catch {
    // Storage unavailable (a privacy mode) or corrupt: start without a table.
  }
  return undefined;
}

/** Keeps the user's table for this tab (silently not, when it is too large for the storage). */
export function storeTable(text: string, source: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ text, source }));
  } catch {
    // Too large for session storage: the table still works until the tab is closed.
  }
}

/** Drops a kept table that no longer reads. */
export function forgetStoredTable(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
