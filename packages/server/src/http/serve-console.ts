import fs from 'node:fs';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built web console from `directory`, with index.html for every other GET so client-side
 * routes work on reload. Files under /assets/ have content hashes in their names, so they cache forever.
 */
export function mountConsole(app: Hono<AppEnv>, directory: string | undefined) {
  const root = directory ? path.resolve(directory) : undefined;
  const index = root ? path.join(root, 'index.html') : undefined;
  app.get('*', async (context) => {
    if (!root || !index || !fs.existsSync(index)) return consoleMissing(context, root);
    const requested = path.resolve(root, `.${decodeURIComponent(context.req.path)}`);
    const insideRoot = requested.startsWith(`${root}${path.sep}`);
    if (insideRoot && fs.statSync(requested, { throwIfNoEntry: false })?.isFile()) {
      const immutable = context.req.path.startsWith('/assets/');
      return sendFile(context, requested, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    return sendFile(context, index, 'no-cache');
  });
}

async function sendFile(context: Context, file: string, cacheControl: string) {
  const body = await fs.promises.readFile(file);
  return context.body(body, 200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl,
  });
}

function consoleMissing(context: Context, root: string | undefined) {
  return context.html(
    `<!doctype html><title>Sextant</title><body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
     <h1>Sextant is running</h1><p>The web console is not built${root ? ` (looked in <code>${root}</code>)` : ''}.
     Run <code>npm run build</code> at the repository root, then reload. The API is at
     <a href="/api/openapi.json">/api/openapi.json</a>.</p></body>`,
    200,
  );
}
