import { SextantError } from '@sextant/core';

/** Calls a running Sextant server's REST API, turning failures into messages that say what to do. */
export async function callApi<T>(baseUrl: string, apiKey: string | undefined, path: string): Promise<T> {
  if (!apiKey) {
    throw new SextantError(
      'unauthorized',
      'no API key: pass --api-key or set SEXTANT_API_KEY (create one with `sextant keys create`)',
    );
  }
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new SextantError(
      'internal',
      `cannot reach Sextant at ${baseUrl} (${(error as Error).cause ?? (error as Error).message}); ` +
        'is `sextant serve` running? Set --url or SEXTANT_URL',
    );
  }
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) {
    throw new SextantError(
      'internal',
      `${response.status} from ${path}: ${body?.error?.message ?? response.statusText}`,
    );
  }
  return body as T;
}
