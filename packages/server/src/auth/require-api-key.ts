import { SextantError } from '@sextant/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { requestHeaders } from '../http/request-headers.js';
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
    const key = readApiKey(requestHeaders(context));
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
