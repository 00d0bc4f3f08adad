import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

/** Cases for `Store.redactionSettings`, registered inside `runStoreContract` so every adapter runs them. */
export function registerRedactionSettingsCases(test: ContractTest, store: () => Store) {
  const settings = () => store().redactionSettings;

  test('redaction settings: absent until saved, then replaced with a growing revision, per project', async () => {
    expect(await settings().get('alpha')).toBeNull();
    const first = await settings().put('alpha', {
      enabled: true,
      customPatterns: [{ name: 'emp', pattern: 'E-\\d+' }],
    });
    expect(first).toMatchObject({ projectId: 'alpha', revision: 1 });
    expect(first.updatedAt).toBeInstanceOf(Date);
    const second = await settings().put('alpha', { enabled: false });
    expect(second.revision).toBe(2);
    expect(await settings().get('alpha')).toMatchObject({ settings: { enabled: false }, revision: 2 });
    expect(await settings().get('beta')).toBeNull();
    expect((await settings().put('beta', {})).revision).toBe(1);
  });
}
