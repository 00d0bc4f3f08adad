/** A page size between 1 and 1000; `fallback` when the caller gave none. */
export const clampLimit = (limit: number | undefined, fallback: number) =>
  Math.min(Math.max(limit ?? fallback, 1), 1000);
