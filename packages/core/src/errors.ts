/** Stable error codes; clients branch on these, never on messages. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'schema_too_new'
  | 'internal'
  /** Overloaded for now: retry after a moment (the answer says when). */
  | 'unavailable';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  schema_too_new: 500,
  internal: 500,
  unavailable: 503,
};

/**
 * The one error type Sextant throws on purpose. Messages say what was wrong and what to do.
 * @example throw new SextantError('not_found', "trace 'abc' not found in project 'default'")
 */
export class SextantError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SextantError';
    this.code = code;
    this.status = statusByCode[code];
  }
}

/** The JSON body of every error response. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string };
}

/** Builds the envelope for any thrown value, hiding internals of unexpected errors. */
export function toErrorEnvelope(error: unknown): { status: number; body: ErrorEnvelope } {
  if (error instanceof SextantError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'internal error; see the server log' } },
  };
}
