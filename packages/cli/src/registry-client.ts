import { type ErrorCode, SextantError } from '@sextant/core';

/** A JSON call to a running Sextant server, with the project key. */
export type ApiRequest = <T>(method: string, path: string, body?: unknown) => Promise<T>;

const codeByStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
};

/**
 * Calls the REST API for the prompt and release commands: any method, JSON bodies, and errors that keep
 * the server's code (a 409 stays a `conflict` callers can branch on) and its message.
 */
export function createApiRequest(baseUrl: string, apiKey: string | undefined): ApiRequest {
  if (!apiKey) {
    throw new SextantError(
      'unauthorized',
      'no API key: pass --api-key or set SEXTANT_API_KEY (create one with `sextant keys create`)',
    );
  }
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new SextantError(
        'internal',
        `cannot reach Sextant at ${baseUrl} (${(error as Error).cause ?? (error as Error).message}); ` +
          'is `sextant serve` running? Set --url or SEXTANT_URL',
      );
    }
    const parsed = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!response.ok) {
      throw new SextantError(
        codeByStatus[response.status] ?? 'internal',
        `${response.status} from ${method} ${path}: ${parsed?.error?.message ?? response.statusText}`,
      );
    }
    return parsed as T;
  };
}

/** `/api/prompts/<name>` with the name escaped. */
export const resourcePath = (resource: 'prompts' | 'releases', name: string, ...rest: string[]) =>
  [`/api/${resource}`, encodeURIComponent(name), ...rest].join('/');
