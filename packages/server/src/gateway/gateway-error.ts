/** OpenAI's error types, which OpenAI clients map to their exception classes by status. */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'upstream_error'
  | 'timeout_error'
  | 'server_error';

/**
 * A gateway failure, answered in OpenAI's error shape `{ error: { message, type, param, code } }`, which
 * also fits Sextant's envelope (`error.code`, `error.message`). `retryable` decides retries and fallbacks.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: GatewayErrorType,
    message: string,
    readonly options: { code?: string; param?: string | null; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }

  /** True when another model might succeed where this one failed (unlike a malformed request). */
  get fallbackWorthy(): boolean {
    return (
      this.retryable ||
      this.status === 401 ||
      this.status === 403 ||
      this.status === 404 ||
      ['missing_credentials', 'unsupported_model', 'model_unavailable'].includes(this.options.code ?? '')
    );
  }

  toBody() {
    return {
      error: {
        message: this.message,
        type: this.type,
        param: this.options.param ?? null,
        code: this.options.code ?? this.type,
      },
    };
  }
}

/** Statuses worth another attempt: timeouts, conflicts, rate limits and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Builds the error for an upstream's non-2xx answer, keeping its status and, when OpenAI-shaped, its body. */
export function upstreamError(provider: string, status: number, body: string): GatewayError {
  let message = body.trim().slice(0, 500) || `status ${status}`;
  let code: string | undefined;
  let param: string | null = null;
  try {
    const parsed = JSON.parse(body) as {
      error?: { message?: string; code?: string; param?: string; type?: string; status?: string } | string;
      message?: string;
    };
    const error = parsed.error;
    if (typeof error === 'string') message = error;
    else if (error?.message) {
      message = error.message;
      code = error.code ?? error.type ?? error.status;
      param = error.param ?? null;
    } else if (parsed.message) message = parsed.message;
  } catch {
    // not JSON: keep the text
  }
  const type: GatewayErrorType =
    status === 401 || status === 403
      ? 'authentication_error'
      : status === 404
        ? 'not_found_error'
        : status === 429
          ? 'rate_limit_error'
          : status < 500
            ? 'invalid_request_error'
            : 'upstream_error';
  return new GatewayError(status, type, `${provider}: ${message}`, {
    code: code ?? `upstream_${status}`,
    param,
    retryable: isRetryableStatus(status),
  });
}
