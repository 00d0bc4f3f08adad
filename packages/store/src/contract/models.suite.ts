import type { ModelCard } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

/** A model card with sensible defaults; tests override what they check. */
function makeModelCard(id: string, overrides: Partial<ModelCard> = {}): ModelCard {
  const [provider = 'test', ...rest] = id.split('/');
  return {
    id,
    provider,
    providerName: provider,
    upstreamId: rest.join('/'),
    name: id,
    source: 'catalog',
    modalities: { input: ['text'], output: ['text'] },
    contextWindow: 128_000,
    maxOutputTokens: 4096,
    pricing: { input: 1, output: 2, cacheRead: null, cacheWrite: null },
    capabilities: { tools: true, structuredOutput: true, vision: false, reasoning: false },
    openWeights: false,
    license: null,
    releaseDate: '2025-01-01',
    knowledgeCutoff: null,
    access: { protocol: 'openai', baseUrl: null, credentialEnv: [], file: null, sha256: null, threads: null },
    ...overrides,
  };
}

/** The model catalog, projects' own models, aliases and stored credentials. */
export function registerModelCases(test: ContractTest, current: () => Store) {
  test('replaces the catalog and reports what changed; projects see it beside their own models', async () => {
    const first = await current().replaceCatalog([
      makeModelCard('openai/gpt-4o'),
      makeModelCard('openai/o1'),
    ]);
    expect(first).toEqual({ added: 2, updated: 0, removed: 0, unchanged: 0 });
    const price = { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: null };
    const second = await current().replaceCatalog([
      makeModelCard('openai/gpt-4o', { pricing: price }),
      makeModelCard('anthropic/claude'),
    ]);
    expect(second).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 0 });
    await current().putModels('alpha', [makeModelCard('ollama/llama3', { source: 'endpoint' })]);
    expect((await current().listModels('alpha')).map((card) => card.id)).toEqual([
      'anthropic/claude',
      'ollama/llama3',
      'openai/gpt-4o',
    ]);
    expect((await current().listModels('beta')).map((card) => card.id)).toEqual([
      'anthropic/claude',
      'openai/gpt-4o',
    ]);
    expect((await current().listModels('beta')).find((card) => card.id === 'openai/gpt-4o')?.pricing).toEqual(
      price,
    );
  });

  test("a project's own model overrides a catalog card of the same id, only in that project", async () => {
    await current().replaceCatalog([makeModelCard('openai/gpt-4o')]);
    const discounted = makeModelCard('openai/gpt-4o', {
      pricing: { input: 0.5, output: 1, cacheRead: null, cacheWrite: null },
    });
    await current().putModels('alpha', [discounted]);
    expect((await current().listModels('alpha'))[0]?.pricing.input).toBe(0.5);
    expect((await current().listModels('beta'))[0]?.pricing.input).toBe(1);
    expect(await current().deleteModel('beta', 'openai/gpt-4o')).toBe(false);
    expect(await current().deleteModel('alpha', 'openai/gpt-4o')).toBe(true);
    expect((await current().listModels('alpha'))[0]?.pricing.input).toBe(1);
  });

  test('keeps aliases and credential ciphertexts per project, and bumps the models revision', async () => {
    const start = await current().modelsRevision('alpha');
    await current().putModelAlias('alpha', {
      name: 'chat',
      targets: ['openai/gpt-4o', 'anthropic/claude'],
      timeoutMs: 1000,
      maxRetries: 1,
      cacheTtlSeconds: 60,
    });
    const afterAlias = await current().modelsRevision('alpha');
    expect(afterAlias).toBeGreaterThan(start);
    expect((await current().listModelAliases('alpha')).map((alias) => alias.targets)).toEqual([
      ['openai/gpt-4o', 'anthropic/claude'],
    ]);
    expect(await current().listModelAliases('beta')).toEqual([]);
    await current().putProviderCredential('alpha', 'openai', 'v1:ciphertext');
    await current().putProviderCredential('alpha', 'openai', 'v1:newer');
    expect(await current().modelsRevision('alpha')).toBeGreaterThan(afterAlias);
    const [credential] = await current().listProviderCredentials('alpha');
    expect(credential).toMatchObject({ projectId: 'alpha', provider: 'openai', ciphertext: 'v1:newer' });
    expect(credential?.updatedAt).toBeInstanceOf(Date);
    expect(await current().listProviderCredentials('beta')).toEqual([]);
    expect(await current().deleteProviderCredential('beta', 'openai')).toBe(false);
    expect(await current().deleteProviderCredential('alpha', 'openai')).toBe(true);
    expect(await current().deleteModelAlias('alpha', 'chat')).toBe(true);
    expect(await current().deleteModelAlias('alpha', 'chat')).toBe(false);
    const beforeCatalog = await current().modelsRevision('beta');
    await current().replaceCatalog([makeModelCard('openai/gpt-4o')]);
    expect(await current().modelsRevision('beta')).toBeGreaterThan(beforeCatalog);
  });
}
