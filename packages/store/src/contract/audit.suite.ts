import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

/** Cases for `Store.audit`, registered inside `runStoreContract` so every adapter runs them. */
export function registerAuditCases(test: ContractTest, store: () => Store) {
  const audit = () => store().audit;

  test('audit: appends entries with before and after, lists them newest first per project', async () => {
    await audit().append({
      projectId: 'alpha',
      actor: "key 'ci' (k1)",
      action: 'label.move',
      targetType: 'prompt',
      targetId: 'greet',
      before: { label: 'production', version: 1 },
      after: { label: 'production', version: 2 },
    });
    await audit().append({
      projectId: 'alpha',
      actor: 'system',
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: 'k2',
      after: { name: 'deploy', nested: { list: [1, 'two', null] } },
    });
    await audit().append({ projectId: 'beta', actor: 'system', action: 'x', targetType: 't', targetId: '1' });
    const entries = await audit().list('alpha');
    expect(entries.map((entry) => entry.action)).toEqual(['api_key.create', 'label.move']);
    expect(entries[0]).toMatchObject({
      projectId: 'alpha',
      actor: 'system',
      targetType: 'api_key',
      targetId: 'k2',
      before: null,
      after: { name: 'deploy', nested: { list: [1, 'two', null] } },
    });
    expect(entries[0]?.createdAt).toBeInstanceOf(Date);
    expect(entries[1]).toMatchObject({
      actor: "key 'ci' (k1)",
      before: { label: 'production', version: 1 },
      after: { label: 'production', version: 2 },
    });
    expect((await audit().list('beta')).map((entry) => entry.action)).toEqual(['x']);
    expect(await audit().list('missing')).toEqual([]);
  });

  test('audit: filters by target, action, actor and time, and pages with `before`', async () => {
    for (let index = 0; index < 7; index += 1) {
      await audit().append({
        projectId: 'alpha',
        actor: index % 2 === 0 ? 'system' : 'key k1',
        action: index < 5 ? 'prompt.version.create' : 'release.version.create',
        targetType: index < 5 ? 'prompt' : 'release',
        targetId: `t${index % 3}`,
        after: { index },
      });
    }
    const indexes = (entries: { after: unknown }[]) =>
      entries.map((entry) => (entry.after as { index: number }).index);
    expect(indexes(await audit().list('alpha', { targetType: 'release' }))).toEqual([6, 5]);
    expect(indexes(await audit().list('alpha', { targetType: 'prompt', targetId: 't0' }))).toEqual([3, 0]);
    expect(
      indexes(await audit().list('alpha', { action: 'release.version.create', actor: 'system' })),
    ).toEqual([6]);
    expect(await audit().list('alpha', { since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await audit().list('alpha', { until: new Date(Date.now() - 60_000) })).toEqual([]);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await audit().list('alpha', { limit: 3, before });
      if (page.length === 0) break;
      seen.push(...indexes(page));
      before = page.at(-1)?.id;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
  });
}
