/** What one POST to a webhook did. */
export interface WebhookOutcome {
  ok: boolean;
  /** The receiver's HTTP status; null when it could not be reached or timed out. */
  statusCode: number | null;
  error: string | null;
}

/** POSTs a JSON body to a webhook; never throws (the outcome says what went wrong). Default timeout 10 s. */
export async function postWebhook(
  url: string,
  body: unknown,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<WebhookOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'sextant-alerts' },
      body: JSON.stringify(body),
      signal,
    });
    const answer = (await response.text()).slice(0, 200);
    return response.ok
      ? { ok: true, statusCode: response.status, error: null }
      : {
          ok: false,
          statusCode: response.status,
          error: `HTTP ${response.status}${answer ? `: ${answer}` : ''}`,
        };
  } catch (error) {
    const reason = timeout.aborted ? `no answer within ${options.timeoutMs ?? 10_000} ms` : describe(error);
    return { ok: false, statusCode: null, error: reason };
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
