/** Why a call to the API failed, as the console tells the user. */
export type ApiErrorKind =
  | 'unauthorized'
  | 'unreachable'
  | 'not_found'
  | 'bad_request'
  /** 409: the state changed since the client read it (a label moved, a newer version exists). */
  | 'conflict'
  | 'server';

/** A failed API call: the server's `{ error: { code, message } }`, or a network failure. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'server';
}

/** Turns anything thrown into an ApiError so views have one shape to render. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('server', message, null, null, { cause: error });
}
