import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

// `sextant canaries start NAME VERSION --release` starts a canary on a release label, not a prompt's.

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-canaries-release-'));
let server: RunningServer;
let store: Store;
const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);
const api = (method: string, route: string, body?: unknown) =>
  fetch(`${live.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  server = await startServer({ store, port: 0, logError: () => {} });
  live.url = server.url;
  await api('POST', '/api/prompts/answer/versions', { definition: { type: 'text', template: 'Hi {{a}}' } });
  for (const temperature of [0, 0.5]) {
    await api('POST', '/api/releases/bot/versions', {
      definition: { prompts: { answer: 1 }, parameters: { temperature } },
      labels: temperature === 0 ? ['production'] : [],
    });
  }
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant canaries start --release', () => {
  it('splits the release label, and says so; without --release the name is read as a prompt', async () => {
    const asPrompt = await sextant('canaries', 'start', 'bot', '2', '--score', 'helpful');
    expect(asPrompt.code).toBe(1);
    expect(asPrompt.stderr).toMatch(/prompt 'bot' not found/);
    const started = await sextant('canaries', 'start', 'bot', '2', '--release', '--score', 'helpful');
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/10% of release bot@production on v2 \(baseline v1\)/);
    const listed = (await (await api('GET', '/api/canaries')).json()) as {
      canaries: Array<{ targetType: string; name: string }>;
    };
    expect(listed.canaries).toMatchObject([{ targetType: 'release', name: 'bot' }]);
  });
});
