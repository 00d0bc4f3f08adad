import { ApiError, kindForStatus } from './api-error';
import type { MetricsGroupBy, MetricsResult, Project, TraceDetail, TracePage } from './types';

export type QueryValue = string | number | undefined | null;

/** Filters, sort and paging of GET /api/traces; empty values are left out of the request. */
export interface TraceListQuery {
  from?: string;
  to?: string;
  name?: string;
  kind?: string;
  model?: string;
  status?: string;
  sessionId?: string;
  userId?: string;
  tags?: string;
  promptName?: string;
  promptVersion?: string;
  releaseId?: string;
  q?: string;
  sort?: string;
  order?: string;
  limit?: number;
  cursor?: string;
}

export interface MetricsQuery {
  from: string;
  to: string;
  bucket?: 'auto' | 'minute' | 'hour' | 'day';
  groupBy?: MetricsGroupBy;
}

/** A typed client for the Sextant REST API, authenticated with one project key. */
export interface ApiClient {
  getProject(signal?: AbortSignal): Promise<Project>;
  listTraces(query: TraceListQuery, signal?: AbortSignal): Promise<TracePage>;
  getTrace(traceId: string, signal?: AbortSignal): Promise<TraceDetail>;
  getSession(sessionId: string, signal?: AbortSignal): Promise<TracePage>;
  getMetrics(query: MetricsQuery, signal?: AbortSignal): Promise<MetricsResult>;
  /** Any other call: `body` goes as JSON; a 204 resolves to null. Feature modules wrap it in typed functions. */
  send<T>(method: string, path: string, options?: SendOptions): Promise<T>;
}

export interface SendOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Creates a client that calls the API on `baseUrl` (default: the page's own origin).
 * @example await createApiClient('sk-sx-...').listTraces({ status: 'error', limit: 20 })
 */
export function createApiClient(apiKey: string, baseUrl = ''): ApiClient {
  const get = <T>(path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal) =>
    requestJson<T>(`${baseUrl}${path}${toSearch(query)}`, apiKey, { signal });
  return {
    getProject: (signal) => get<Project>('/api/project', {}, signal),
    listTraces: (query, signal) => get<TracePage>('/api/traces', { ...query }, signal),
    getTrace: (traceId, signal) => get<TraceDetail>(`/api/traces/${encodeURIComponent(traceId)}`, {}, signal),
    getSession: (sessionId, signal) =>
      get<TracePage>(`/api/sessions/${encodeURIComponent(sessionId)}`, {}, signal),
    getMetrics: (query, signal) => get<MetricsResult>('/api/metrics', { ...query }, signal),
    send: (method, path, { query = {}, body, signal } = {}) =>
      requestJson(`${baseUrl}${path}${toSearch(query)}`, apiKey, { method, body, signal }),
  };
}

export function toSearch(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

async function requestJson<T>(
  url: string,
  apiKey: string,
  { method = 'GET', body, signal }: { method?: string; body?: unknown; signal?: AbortSignal | undefined },
): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      'unreachable',
      `The request got no answer (${reason}). Is \`sextant serve\` running?`,
      null,
      null,
      { cause: error },
    );
  }
  const text = await response.text();
  if (response.status === 204) return null as T;
  const parsed = parseBody(text);
  if (response.ok && parsed.parsed) return parsed.value as T;
  if (response.ok) {
    throw new ApiError(
      'server',
      `The server answered ${url} with something other than JSON.`,
      response.status,
      null,
    );
  }
  const envelope = parsed.parsed
    ? (parsed.value as { error?: { code?: string; message?: string } }).error
    : undefined;
  const message = envelope?.message ?? describeStatus(response.status, text);
  // A proxy in front of a stopped Sextant (the Vite dev server, nginx) answers 502-504 without our envelope.
  const kind =
    !envelope && response.status >= 502 && response.status <= 504
      ? 'unreachable'
      : kindForStatus(response.status);
  throw new ApiError(kind, message, response.status, envelope?.code ?? null);
}

function parseBody(text: string): { parsed: true; value: unknown } | { parsed: false } {
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch {
    return { parsed: false };
  }
}

function describeStatus(status: number, text: string): string {
  if (status === 502 || status === 503 || status === 504)
    return `The server is unavailable (HTTP ${status}). Is \`sextant serve\` running?`;
  return `HTTP ${status}: ${text.slice(0, 200) || 'no details'}`;
}
