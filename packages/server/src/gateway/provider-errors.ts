import { APICallError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { SextantError } from '@sextant/core';
import { GatewayError, upstreamError } from './gateway-error.js';

/** Maps what an AI SDK provider (or the in-process runtime) threw to a gateway error. */
export function providerError(
  error: unknown,
  label: string,
  timedOut: boolean,
  timeoutMs: number,
): GatewayError {
  if (error instanceof GatewayError) return error;
  if (timedOut) {
    return new GatewayError(504, 'timeout_error', `${label} did not answer within ${timeoutMs} ms`, {
      code: 'upstream_timeout',
      retryable: true,
    });
  }
  if (APICallError.isInstance(error)) {
    if (error.statusCode === undefined) {
      return new GatewayError(502, 'upstream_error', `${label} is unreachable (${error.message})`, {
        code: 'upstream_unreachable',
        retryable: true,
      });
    }
    const mapped = upstreamError(label, error.statusCode, error.responseBody ?? error.message);
    return new GatewayError(mapped.status, mapped.type, mapped.message, {
      ...mapped.options,
      retryable: error.isRetryable,
    });
  }
  if (UnsupportedFunctionalityError.isInstance(error)) {
    return new GatewayError(
      400,
      'invalid_request_error',
      `${label} does not support ${error.functionality}`,
      {
        code: 'unsupported_feature',
      },
    );
  }
  if (error instanceof SextantError) {
    return new GatewayError(503, 'server_error', `${label} is unavailable: ${error.message}`, {
      code: 'model_unavailable',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError(502, 'upstream_error', `${label} failed: ${message}`, {
    code: 'upstream_error',
    cause: error,
  });
}
