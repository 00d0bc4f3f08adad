import {
  defaultLabel,
  type ErrorCode,
  type PromptDefinition,
  type ReleaseDefinition,
  SextantError,
} from '@sextant/core';
import {
  loadPromptFallback,
  loadReleaseFallback,
  type PromptFallback,
  type ReleaseFallback,
} from './fallbacks.js';
import { type ChatPrompt, type Prompt, type TextPrompt, toPrompt } from './prompt.js';
import { Release } from './release.js';
import { LoadTimeoutError, StaleWhileRevalidateCache } from './stale-while-revalidate.js';

/** Options of {@link createRegistryClient}; every field is optional. */
export interface RegistryClientOptions {
  /** Sextant server base URL. Default `SEXTANT_URL` or `http://127.0.0.1:4318`. */
  endpoint?: string;
  /** Default `SEXTANT_API_KEY`. */
  apiKey?: string;
  /** How long a fetched label is served before a background refresh. Default 60 s. Pinned versions never expire. */
  cacheTtlMs?: number;
  /** The longest `getPrompt`/`getRelease` wait for something not cached yet. Default 2 s. */
  timeoutMs?: number;
  /** Limit of one HTTP request, which may finish in the background after the caller stopped waiting. Default 10 s. */
  requestTimeoutMs?: number;
  /** Told about failed background refreshes (the last good version keeps being served). Default: silent. */
  onRefreshError?: (error: unknown) => void;
}

/** How to pick a version, and what to do when the server cannot answer. */
interface GetOptions<F> {
  /** Default `production`. */
  label?: string;
  /** A version number; wins over `label`. Pinned versions are immutable, so they are cached for good. */
  version?: number;
  cacheTtlMs?: number;
  timeoutMs?: number;
  /** Served when nothing is cached and the server fails or is slower than `timeoutMs`. */
  fallback?: F;
}

export type GetPromptOptions = GetOptions<PromptFallback> & {
  /** Fail unless the prompt is of this type; narrows the returned type. */
  type?: 'text' | 'chat';
};
export type GetReleaseOptions = GetOptions<ReleaseFallback>;

/** Reads prompts and releases from a Sextant server, cached, fail-open. */
export interface RegistryClient {
  getPrompt(name: string, options: GetPromptOptions & { type: 'chat' }): Promise<ChatPrompt>;
  getPrompt(name: string, options: GetPromptOptions & { type: 'text' }): Promise<TextPrompt>;
  getPrompt(name: string, options?: GetPromptOptions): Promise<Prompt>;
  getRelease(name: string, options?: GetReleaseOptions): Promise<Release>;
  /** Forgets every cached version. */
  clearCache(): void;
}

interface VersionJson<D> {
  name: string;
  version: number;
  labels: string[];
  definition: D;
}

const codeByStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
};

/**
 * A client for prompts and releases. Reads are cached in memory and refreshed in the background
 * (stale-while-revalidate); when the server is down or slow, callers get the last known version, else
 * the fallback, and never wait longer than `timeoutMs`.
 * @example
 * const registry = createRegistryClient({ timeoutMs: 1000 });
 * const prompt = await registry.getPrompt('greet', { label: 'production', fallback: 'prompts/greet.prompt.md' });
 */
export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  const endpoint = (options.endpoint ?? process.env.SEXTANT_URL ?? 'http://127.0.0.1:4318').replace(
    /\/+$/,
    '',
  );
  const apiKey = options.apiKey ?? process.env.SEXTANT_API_KEY;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const onRefreshError = options.onRefreshError ?? (() => {});
  const prompts = new StaleWhileRevalidateCache<Prompt>((_key, error) => onRefreshError(error));
  const releases = new StaleWhileRevalidateCache<Release>((_key, error) => onRefreshError(error));

  const fetchJson = async <T>(path: string): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${endpoint}${path}`, {
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (error) {
      throw new SextantError('internal', `cannot reach Sextant at ${endpoint}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!response.ok) {
      throw new SextantError(
        codeByStatus[response.status] ?? 'internal',
        body?.error?.message ?? `${response.status} ${response.statusText}`,
      );
    }
    return body as T;
  };

  async function read<T, F>(
    cache: StaleWhileRevalidateCache<T>,
    what: { kind: 'prompt' | 'release'; name: string },
    request: GetOptions<F>,
    parse: (json: VersionJson<unknown>) => T,
    loadFallback: (fallback: F) => Promise<T>,
  ): Promise<T> {
    const selector =
      request.version !== undefined
        ? `version=${request.version}`
        : `label=${encodeURIComponent(request.label ?? defaultLabel)}`;
    const path = `/api/${what.kind}s/${encodeURIComponent(what.name)}?${selector}`;
    const ttlMs =
      request.version !== undefined
        ? Number.POSITIVE_INFINITY
        : (request.cacheTtlMs ?? options.cacheTtlMs ?? 60_000);
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? 2000;
    try {
      return await cache.get(path, async () => parse(await fetchJson<VersionJson<unknown>>(path)), {
        ttlMs,
        timeoutMs,
      });
    } catch (error) {
      if (request.fallback !== undefined) return loadFallback(request.fallback);
      const reason =
        error instanceof LoadTimeoutError
          ? `the server did not answer within ${timeoutMs} ms`
          : (error as Error).message;
      const code = error instanceof SextantError ? error.code : 'internal';
      throw new SextantError(
        code,
        `${what.kind} '${what.name}' (${selector.replace('=', ' ')}) is not available: ${reason}; nothing is cached yet and no fallback was given (pass { fallback })`,
        { cause: error },
      );
    }
  }

  async function getPrompt(name: string, request: GetPromptOptions = {}): Promise<Prompt> {
    const prompt = await read(
      prompts,
      { kind: 'prompt', name },
      request,
      (json) => toPrompt({ ...(json as VersionJson<PromptDefinition>), isFallback: false }),
      (fallback) => loadPromptFallback(name, fallback),
    );
    if (request.type && prompt.type !== request.type) {
      throw new SextantError(
        'bad_request',
        `prompt '${name}' is a ${prompt.type} prompt, not ${request.type}`,
      );
    }
    return prompt;
  }

  return {
    getPrompt: getPrompt as RegistryClient['getPrompt'],
    getRelease: (name, request = {}) =>
      read(
        releases,
        { kind: 'release', name },
        request,
        (json) => new Release({ ...(json as VersionJson<ReleaseDefinition>), isFallback: false }),
        (fallback) => loadReleaseFallback(name, fallback),
      ),
    clearCache() {
      prompts.clear();
      releases.clear();
    },
  };
}

let defaultClient: RegistryClient | undefined;

/** The client behind the top-level `getPrompt`/`getRelease`: configured from SEXTANT_URL and SEXTANT_API_KEY. */
function shared(): RegistryClient {
  defaultClient ??= createRegistryClient();
  return defaultClient;
}

/**
 * A prompt version by label (default `production`) or number, cached with background refresh; with the
 * server down, the last known version or `fallback`, within `timeoutMs` (default 2 s).
 * @example
 * const prompt = await getPrompt('support-answer', { fallback: 'prompts/support-answer.prompt.md' });
 * const messages = prompt.type === 'chat' ? prompt.compile({ question }) : [];
 */
export function getPrompt(name: string, options: GetPromptOptions & { type: 'chat' }): Promise<ChatPrompt>;
export function getPrompt(name: string, options: GetPromptOptions & { type: 'text' }): Promise<TextPrompt>;
export function getPrompt(name: string, options?: GetPromptOptions): Promise<Prompt>;
export function getPrompt(name: string, options: GetPromptOptions = {}): Promise<Prompt> {
  return shared().getPrompt(name, options);
}

/**
 * A release by label (default `production`) or number, cached and fail-open like `getPrompt`.
 * @example
 * const release = await getRelease('support-bot', { label: 'production' });
 * const topK = release.retriever?.top_k;
 */
export function getRelease(name: string, options: GetReleaseOptions = {}): Promise<Release> {
  return shared().getRelease(name, options);
}
