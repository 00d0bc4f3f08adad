import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSextant } from '../test-support/run-sextant.js';

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-alerts-cli-'));
let server: RunningServer;
let store: Store;
let receiver: http.Server;
let hook = '';
const received: string[] = [];

const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  server = await startServer({ store, port: 0, logError: () => {}, jobs: false });
  live.url = server.url;
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(JSON.parse(body).text);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack`;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => receiver.close(resolve));
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant alerts', () => {
  it('creates a rule from flags, lists it, and sends a test to its webhook', async () => {
    const created = await sextant(
      'alerts',
      'create',
      'slow',
      '--metric',
      'latency',
      '--percentile',
      'p99',
      '--threshold',
      '3000',
      '--group-by',
      'model',
      '--webhook',
      hook,
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/Created alert rule 'slow': p99 latency > 3000 over 15 min, 1 webhook/);
    const listed = await sextant('alerts', 'list');
    expect(listed.stdout).toMatch(/^NAME\s+CONDITION\s+WINDOW\s+GROUP BY\s+WEBHOOKS\s+OPEN\s+ENABLED$/m);
    expect(listed.stdout).toMatch(/^slow\s+p99 latency > 3000\s+15 min\s+model\s+1\s+0\s+yes$/m);
    const tested = await sextant('alerts', 'test', 'slow');
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/delivered\s+200/);
    expect(received.at(-1)).toMatch(/^:test_tube: Test alert: slow — p99 latency/);
  });

  it('explains a bad rule and a missing one, exiting non-zero', async () => {
    const wrong = await sextant('alerts', 'create', 'q', '--metric', 'score', '--threshold', '0.8');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/a score rule needs --score NAME/);
    const grouped = await sextant(
      'alerts',
      'create',
      'q',
      '--metric',
      'cost',
      '--threshold',
      '5',
      '--group-by',
      'release',
    );
    expect(grouped.stderr).toMatch(/groupBy: a cost rule groups by none, model, name, tag, not 'release'/);
    const missing = await sextant('alerts', 'test', 'slwo');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/alert rule 'slwo' not found \(did you mean 'slow'\?\)/);
    const history = await sextant('alerts', 'history');
    expect(history.stdout.trim()).toBe('(none)');
  });
});
