import { openSqliteStore } from '@sextant/store';
import { describe, expect, it } from 'vitest';
import { AuditLog, withoutSecrets } from './audit-log.js';
import { ProjectService } from './project-service.js';

describe('AuditLog', () => {
  it('names the key and the user it acts for, or system, and never stores secrets', async () => {
    const store = openSqliteStore(':memory:');
    await store.createProject({ id: 'p', name: 'P' });
    await store.createApiKey({ id: 'k1', projectId: 'p', name: 'ci', prefix: 'sk-sx-ab', keyHash: 'h' });
    const audit = new AuditLog(store);
    await audit.record(
      'p',
      { apiKeyId: 'k1', user: 'alice' },
      {
        action: 'model.credential.set',
        targetType: 'provider_credential',
        targetId: 'openai',
        after: { provider: 'openai', apiKey: 'sk-live-123', nested: [{ ciphertext: 'xyz', label: 'ok' }] },
      },
    );
    await audit.record('p', 'system', { action: 'retention.sweep', targetType: 'project', targetId: 'p' });
    const [system, human] = await audit.list('p');
    expect(system?.actor).toBe('system');
    expect(human?.actor).toBe("alice via key 'ci' (k1)");
    expect(human?.after).toEqual({
      provider: 'openai',
      apiKey: '[secret]',
      nested: [{ ciphertext: '[secret]', label: 'ok' }],
    });
    expect(JSON.stringify(await audit.list('p'))).not.toContain('sk-live-123');
    await store.close();
  });

  it('records the first start’s project and key as made by the system', async () => {
    const store = openSqliteStore(':memory:');
    await new ProjectService(store).bootstrap();
    const entries = await new AuditLog(store).list('default');
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ['api_key.create', 'system'],
      ['project.create', 'system'],
    ]);
    await store.close();
  });

  it('lets two servers bootstrap one empty database at once: one key, no failure', async () => {
    const store = openSqliteStore(':memory:');
    const keys = await Promise.all([
      new ProjectService(store).bootstrap(),
      new ProjectService(store).bootstrap(),
    ]);
    expect(keys.filter((key) => key !== null)).toHaveLength(1);
    expect((await store.listProjects()).map((project) => project.id)).toEqual(['default']);
    expect(await store.countActiveApiKeys()).toBe(1);
    await store.close();
  });

  it('keeps token counts and dates readable', () => {
    const when = new Date('2026-01-02T03:04:05Z');
    expect(withoutSecrets({ maxTokens: 5, at: when, token: 'x', skipped: undefined })).toEqual({
      maxTokens: 5,
      at: '2026-01-02T03:04:05.000Z',
      token: '[secret]',
    });
  });
});
