import type { PromptDefinition, ReleaseDefinition } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';
import type { Actor, VersionedRegistry } from '../versioned-registry.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const alice: Actor = { user: 'alice', apiKeyId: 'k1', apiKeyName: 'ci' };
const bob: Actor = { user: null, apiKeyId: 'k2', apiKeyName: 'deploy' };

const promptDefinition = (template: string): PromptDefinition => ({
  type: 'text',
  template,
  description: '',
  variables: [],
  config: { model: null, parameters: {}, tools: [], responseSchema: null },
});

const releaseDefinition = (topK: number): ReleaseDefinition => ({
  description: '',
  prompts: { greet: 1 },
  models: { generator: 'openai/gpt-4o' },
  parameters: {},
  retriever: { top_k: topK },
  tools: [],
  config: {},
});

/**
 * Cases for the prompt and release registries of a Store, registered inside `runStoreContract` so every
 * adapter runs them. Both registries share one contract, so both run the same cases.
 */
export function registerRegistryCases(test: ContractTest, store: () => Store) {
  registerCases(
    test,
    'prompts',
    () => store().prompts,
    (seed) => promptDefinition(`v${seed}`),
  );
  registerCases(test, 'releases', () => store().releases, releaseDefinition);
}

function registerCases<D>(
  test: ContractTest,
  kind: string,
  registry: () => VersionedRegistry<D>,
  definition: (seed: number) => D,
) {
  const create = (projectId: string, seed: number, extra: Record<string, unknown> = {}) =>
    registry().createVersion(projectId, {
      name: 'greet',
      definition: definition(seed),
      contentHash: `hash-${seed}`,
      commitMessage: `commit ${seed}`,
      actor: alice,
      ...extra,
    });

  test(`${kind}: numbers immutable versions and creates none for unchanged content`, async () => {
    const first = await create('alpha', 1);
    expect(first).toMatchObject({
      status: 'created',
      version: { name: 'greet', version: 1, contentHash: 'hash-1' },
    });
    expect(await create('alpha', 1)).toMatchObject({ status: 'unchanged', version: { version: 1 } });
    expect(await create('alpha', 2)).toMatchObject({ status: 'created', version: { version: 2 } });
    // Going back to earlier content is a change relative to the newest version.
    expect(await create('alpha', 1)).toMatchObject({ status: 'created', version: { version: 3 } });
    const v2 = await registry().getVersion('alpha', 'greet', 2);
    expect(v2).toMatchObject({ definition: definition(2), commitMessage: 'commit 2', createdBy: alice });
    expect(v2?.createdAt).toBeInstanceOf(Date);
    expect((await registry().listVersions('alpha', 'greet')).map((version) => version.version)).toEqual([
      3, 2, 1,
    ]);
    expect(
      (await registry().listVersions('alpha', 'greet', { limit: 1, beforeVersion: 3 })).map(
        (version) => version.version,
      ),
    ).toEqual([2]);
    const [entry] = await registry().list('alpha');
    expect(entry).toMatchObject({ name: 'greet', latest: { version: 3 }, labels: {} });
    expect(await registry().getVersion('alpha', 'greet', 9)).toBeNull();
    expect(await registry().get('alpha', 'missing')).toBeNull();
  });

  test(`${kind}: moves labels, logging who moved them from which version to which`, async () => {
    await create('alpha', 1, { labels: ['production'] });
    await create('alpha', 2, { labels: ['staging'] });
    const moved = await registry().moveLabel('alpha', {
      name: 'greet',
      label: 'production',
      toVersion: 2,
      actor: bob,
    });
    expect(moved).toMatchObject({ status: 'moved', labels: { production: 2, staging: 2 } });
    expect(
      await registry().moveLabel('alpha', { name: 'greet', label: 'production', toVersion: 2, actor: bob }),
    ).toMatchObject({
      status: 'unchanged',
      event: null,
    });
    const removed = await registry().moveLabel('alpha', {
      name: 'greet',
      label: 'staging',
      toVersion: null,
      actor: alice,
    });
    expect(removed).toMatchObject({ status: 'moved', labels: { production: 2 } });
    const events = await registry().listLabelEvents('alpha', 'greet');
    expect(
      events.map(({ label, fromVersion, toVersion, actor }) => ({ label, fromVersion, toVersion, actor })),
    ).toEqual([
      { label: 'staging', fromVersion: 2, toVersion: null, actor: alice },
      { label: 'production', fromVersion: 1, toVersion: 2, actor: bob },
      { label: 'staging', fromVersion: null, toVersion: 2, actor: alice },
      { label: 'production', fromVersion: null, toVersion: 1, actor: alice },
    ]);
    expect(events[0]?.createdAt).toBeInstanceOf(Date);
    expect((await registry().get('alpha', 'greet'))?.labels).toEqual({ production: 2 });
  });

  test(`${kind}: refuses stale writes (optimistic concurrency) and writes nothing for them`, async () => {
    await create('alpha', 1, { expectedLatestVersion: null, labels: ['production'] });
    expect(await create('alpha', 2, { expectedLatestVersion: null })).toEqual({
      status: 'conflict',
      latestVersion: 1,
    });
    expect(await create('alpha', 2, { expectedLatestVersion: 1 })).toMatchObject({
      status: 'created',
      version: { version: 2 },
    });
    expect(await create('alpha', 3, { expectedLatestVersion: 1 })).toEqual({
      status: 'conflict',
      latestVersion: 2,
    });
    expect((await registry().get('alpha', 'greet'))?.latest.version).toBe(2);

    const move = (toVersion: number, expectedVersion: number | null) =>
      registry().moveLabel('alpha', {
        name: 'greet',
        label: 'production',
        toVersion,
        expectedVersion,
        actor: alice,
      });
    expect(await move(2, null)).toMatchObject({ status: 'conflict', currentVersion: 1 });
    // Two clients that both saw production at 1: exactly one move wins, the other learns the current state.
    const raced = await Promise.all([move(2, 1), move(2, 1)]);
    expect(raced.map((outcome) => outcome.status).sort()).toEqual(['conflict', 'moved']);
    expect(raced.find((outcome) => outcome.status === 'conflict')).toMatchObject({ currentVersion: 2 });
    expect((await registry().listLabelEvents('alpha', 'greet')).length).toBe(2);
  });

  test(`${kind}: says what is missing when a label cannot move`, async () => {
    const move = (name: string, label: string, toVersion: number | null) =>
      registry().moveLabel('alpha', { name, label, toVersion, actor: alice });
    expect(await move('missing', 'production', 1)).toEqual({ status: 'not_found', missing: 'name' });
    await create('alpha', 1);
    expect(await move('greet', 'production', 7)).toEqual({ status: 'not_found', missing: 'version' });
    expect(await move('greet', 'production', null)).toEqual({ status: 'not_found', missing: 'label' });
  });

  test(`${kind}: keeps projects apart`, async () => {
    await create('alpha', 1, { labels: ['production'] });
    await create('alpha', 2);
    expect(await registry().list('beta')).toEqual([]);
    expect(await registry().get('beta', 'greet')).toBeNull();
    expect(await registry().getVersion('beta', 'greet', 1)).toBeNull();
    expect(await registry().listVersions('beta', 'greet')).toEqual([]);
    expect(await registry().listLabelEvents('beta', 'greet')).toEqual([]);
    expect(
      await registry().moveLabel('beta', { name: 'greet', label: 'production', toVersion: 2, actor: bob }),
    ).toEqual({
      status: 'not_found',
      missing: 'name',
    });
    // The same name in another project starts its own history.
    expect(await create('beta', 2, { expectedLatestVersion: null })).toMatchObject({
      status: 'created',
      version: { version: 1 },
    });
    expect((await registry().get('alpha', 'greet'))?.labels).toEqual({ production: 1 });
  });
}
