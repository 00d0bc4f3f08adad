/** Outcome of an expected failure (parsing, validation) that callers branch on instead of catching. */
export type Result<T, E = string> = { success: true; value: T } | { success: false; error: E };

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): Result<T, never> => ({ success: true, value });

/** Wraps an error as a failed result. */
export const fail = <E>(error: E): Result<never, E> => ({ success: false, error });
