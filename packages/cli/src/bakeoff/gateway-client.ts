import { SextantError } from '@sextant/core';

/** A running server's REST API and gateway, called with one project key. */
export interface ServerAccess {
  url: string;
  apiKey: string;
}

/** JSON in, JSON out; a failure becomes a SextantError carrying the server's own message. */
export async function sendJson<T>(
  access: ServerAccess,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ body: T; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(new URL(path, access.url), {
      method,
      headers: {
        authorization: `Bearer ${access.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(300_000),
    });
  } catch (error) {
    throw new SextantError(
      'internal',
      `cannot reach Sextant at ${access.url} (${(error as Error).cause ?? (error as Error).message}); ` +
        'is `sextant serve` running? Set --url or SEXTANT_URL',
    );
  }
  const parsed = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) {
    const message = parsed?.error?.message ?? response.statusText;
    throw new SextantError(
      response.status === 404 ? 'not_found' : 'bad_request',
      `${method} ${path}: ${message}`,
    );
  }
  return { body: parsed as T, headers: response.headers };
}
