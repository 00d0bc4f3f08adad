import type { IncomingMessage } from 'node:http';
import { SextantError } from '@sextant/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { ProjectService } from '../services/project-service.js';
import { readApiKey } from './api-key.js';

interface CachedKey {
  projectId: string;
  apiKeyId: string;
  expiresAt: number;
}

/**
 * Resolves the caller's project from its API key; every route behind it is scoped to that project.
 * Lookups are cached briefly because ingestion checks a key on every batch.
 */
export function requireApiKey(projects: ProjectService, cacheMs = 5_000) {
  const cache = new Map<string, CachedKey>();
  const middleware: MiddlewareHandler<AppEnv> = async (context, next) => {
    // Node's parsed headers when served by Node: building web Headers costs more than the lookup.
    const incoming = (context.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const key = readApiKey(incoming ? nodeHeaders(incoming) : context.req.raw.headers);
    if (!key) {
      throw new SextantError(
        'unauthorized',
        'missing API key; send "Authorization: Bearer <key>" (create one with `sextant keys create`)',
      );
    }
    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || entry.expiresAt < now) {
      const record = await projects.authenticate(key);
      if (!record) throw new SextantError('unauthorized', 'API key is not valid or was revoked');
      entry = { projectId: record.projectId, apiKeyId: record.id, expiresAt: now + cacheMs };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, entry);
    }
    context.set('projectId', entry.projectId);
    context.set('apiKeyId', entry.apiKeyId);
    await next();
  };
  return { middleware, forget: () => cache.clear() };
}

const nodeHeaders = (incoming: IncomingMessage) => ({
  get: (name: string) => {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? null);
  },
});
