/** A project API key the user entered, kept in this browser's localStorage. */
export interface SavedKey {
  /** What the switcher shows; defaults to the project's name. */
  label: string;
  key: string;
}

const keysItem = 'sextant.savedKeys';
const activeItem = 'sextant.activeKey';

/** The saved keys, oldest first; an unreadable or tampered entry yields an empty list, never a crash. */
export function loadSavedKeys(): SavedKey[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(keysItem) ?? '[]');
    if (!Array.isArray(value)) return [];
    return value.filter(
      (item): item is SavedKey =>
        typeof item === 'object' &&
        item !== null &&
        typeof item.key === 'string' &&
        typeof item.label === 'string',
    );
  } catch {
    return [];
  }
}

export function storeSavedKeys(keys: readonly SavedKey[]): void {
  localStorage.setItem(keysItem, JSON.stringify(keys));
}

export function loadActiveKey(): string | null {
  return localStorage.getItem(activeItem);
}

export function storeActiveKey(key: string | null): void {
  if (key === null) localStorage.removeItem(activeItem);
  else localStorage.setItem(activeItem, key);
}

/** Adds or relabels `entry`, keeping the list free of duplicate keys. */
export function upsertSavedKey(keys: readonly SavedKey[], entry: SavedKey): SavedKey[] {
  const index = keys.findIndex((item) => item.key === entry.key);
  if (index === -1) return [...keys, entry];
  return keys.map((item, position) => (position === index ? entry : item));
}

/** `sk-sx-abcd…wxyz`: enough to tell keys apart without showing them whole. */
export function maskKey(key: string): string {
  return key.length <= 14 ? `${key.slice(0, 4)}…` : `${key.slice(0, 10)}…${key.slice(-4)}`;
}
