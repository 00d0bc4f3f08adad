import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@sextant/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-console-'));
fs.mkdirSync(path.join(directory, 'assets'));
fs.writeFileSync(path.join(directory, 'index.html'), '<!doctype html><div id="root"></div>');
fs.writeFileSync(path.join(directory, 'assets', 'app-1a2b.js'), 'console.log("app")');
const store = openSqliteStore(':memory:');
afterAll(async () => {
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('console serving', () => {
  const app = createApp({ store, consoleDirectory: directory });

  it('serves index.html at / and for client-side routes, uncached', async () => {
    for (const route of ['/', '/traces/abc', '/monitoring?window=24h']) {
      const response = await app.request(route);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('id="root"');
    }
  });

  it('serves hashed assets with long-lived caching', async () => {
    const response = await app.request('/assets/app-1a2b.js');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log("app")');
  });

  it('never serves files outside its folder', async () => {
    for (const route of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const body = await (await app.request(route)).text();
      expect(body).not.toContain('root:');
    }
  });

  it('keeps unknown API routes as JSON errors, not the console page', async () => {
    const response = await app.request('/api/definitely-not-here');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('explains how to build the console when it is missing', async () => {
    const bare = createApp({ store, consoleDirectory: path.join(directory, 'nope') });
    expect(await (await bare.request('/')).text()).toMatch(/npm run build/);
  });
});
