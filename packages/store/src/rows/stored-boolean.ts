/** A boolean column as the driver returns it: 0 or 1 from SQLite, a boolean from PostgreSQL. */
export type StoredBoolean = number | boolean;

export const fromStoredBoolean = (value: StoredBoolean): boolean => value === true || value === 1;
