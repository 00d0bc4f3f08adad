import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

interface AuditPage {
  entries: {
    id: number;
    actor: string;
    action: string;
    targetType: string;
    targetId: string;
    before: unknown;
    after: unknown;
    createdAt: string;
  }[];
  nextCursor: number | null;
}

describe('audit log API', () => {
  let live: LiveServer;
  const call = (method: string, route: string, body?: unknown) =>
    request(live, live.keyA, method, route, body);
  const audit = async (query = '') => (await call('GET', `/api/audit${query}`)).body as AuditPage;

  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  it('records every change path with who, what, before and after, and never a secret', async () => {
    const prompt = { definition: { type: 'text', template: 'Hello {{name}}' }, author: 'alice' };
    expect(
      (await call('POST', '/api/prompts/greet/versions', { ...prompt, labels: ['staging'] })).status,
    ).toBe(201);
    expect((await call('PUT', '/api/prompts/greet/labels/production', { version: 1 })).status).toBe(200);
    expect(
      (await call('POST', '/api/releases/bot/versions', { definition: { prompts: { greet: 1 } } })).status,
    ).toBe(201);
    const key = (await call('POST', '/api/keys', { name: 'deployer' })).body as { apiKey: { id: string } };
    expect((await call('DELETE', `/api/keys/${key.apiKey.id}`)).status).toBe(204);
    expect(
      (await call('PUT', '/api/providers/openai/credential', { apiKey: 'sk-test-abcdefghijklmnop' })).status,
    ).toBe(204);
    expect((await call('POST', '/api/datasets', { name: 'golden' })).status).toBe(201);
    expect((await call('POST', '/api/datasets/golden/items', { items: [{ input: 'hi' }] })).status).toBe(201);

    const { entries } = await audit();
    const actions = entries.map((entry) => entry.action).reverse();
    expect(actions).toEqual([
      'project.create', // by the test setup, on the store file: 'local admin'
      'api_key.create',
      'prompt.version.create',
      'prompt.label.move',
      'prompt.label.move',
      'release.version.create',
      'api_key.create',
      'api_key.revoke',
      'provider_credential.set',
      'dataset.create',
      'dataset.version.create',
    ]);
    const byAction = (action: string) => entries.filter((entry) => entry.action === action);
    expect(byAction('api_key.create').at(-1)?.actor).toBe('local admin');
    expect(byAction('prompt.version.create')[0]).toMatchObject({
      actor: expect.stringMatching(/^alice via key 'test' \(/),
      targetType: 'prompt',
      targetId: 'greet@1',
      before: null,
      after: { version: 1, definition: { template: 'Hello {{name}}' } },
    });
    expect(byAction('prompt.label.move').map((entry) => [entry.before, entry.after])).toEqual([
      [null, { label: 'production', version: 1 }],
      [null, { label: 'staging', version: 1 }],
    ]);
    expect(byAction('api_key.revoke')[0]).toMatchObject({
      actor: expect.stringMatching(/^key 'test' \(/),
      targetId: key.apiKey.id,
      before: { name: 'deployer', revokedAt: null },
      after: { name: 'deployer', revokedAt: expect.any(String) },
    });
    expect(byAction('dataset.version.create')[0]).toMatchObject({
      targetId: 'golden@1',
      after: { added: 1 },
    });
    expect(JSON.stringify(entries)).not.toContain('sk-test-abcdefghijklmnop');
    const bytes = (await import('node:fs')).readFileSync(`${live.directory}/sextant.db`);
    expect(bytes.includes('sk-test-abcdefghijklmnop')).toBe(false);
  });

  it('filters and pages, and another project sees none of it', async () => {
    const labels = await audit('?targetType=prompt&action=prompt.label.move');
    expect(labels.entries).toHaveLength(2);
    const seen: string[] = [];
    let cursor: number | null = null;
    do {
      const page: AuditPage = await audit(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.entries.map((entry) => entry.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(11);
    const other = await request(live, live.keyB, 'GET', '/api/audit');
    expect((other.body as AuditPage).entries.map((entry) => entry.action)).toEqual([
      'api_key.create',
      'project.create',
    ]);
    const bad = await call('GET', '/api/audit?limit=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/limit/);
  });
});
