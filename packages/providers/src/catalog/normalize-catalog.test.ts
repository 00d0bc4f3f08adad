import { createPriceIndex, modelCallCost } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import { loadBundledCatalog } from './bundled-catalog.js';
import { normalizeCatalog } from './normalize-catalog.js';

const cards = await loadBundledCatalog();

describe('the bundled catalog', () => {
  it('carries the models.dev snapshot (~690 models) as Sextant model cards', () => {
    expect(cards.length).toBeGreaterThan(650);
    expect(new Set(cards.map((card) => card.id)).size).toBe(cards.length);
    const gpt4o = cards.find((card) => card.id === 'openai/gpt-4o');
    expect(gpt4o).toMatchObject({
      provider: 'openai',
      upstreamId: 'gpt-4o',
      name: 'GPT-4o',
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      pricing: { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: null },
      capabilities: { tools: true, structuredOutput: true, vision: true, reasoning: false },
      openWeights: false,
      releaseDate: '2024-05-13',
      access: { protocol: 'openai', baseUrl: 'https://api.openai.com/v1', credentialEnv: ['OPENAI_API_KEY'] },
    });
    expect(cards.find((card) => card.id === 'anthropic/claude-3-5-haiku-20241022')?.access).toMatchObject({
      protocol: 'anthropic',
      credentialEnv: ['ANTHROPIC_API_KEY'],
    });
    expect(cards.find((card) => card.id === 'google/gemini-2.5-flash')?.access.protocol).toBe('google');
  });

  it('names licences of open-weights families it knows, and no others', () => {
    const open = cards.filter((card) => card.openWeights);
    expect(open.length).toBeGreaterThan(100);
    expect(open.some((card) => card.license === 'Apache-2.0' && card.upstreamId.includes('gpt-oss'))).toBe(
      true,
    );
    expect(cards.filter((card) => !card.openWeights).every((card) => card.license === null)).toBe(true);
  });

  it('prices spans named the way telemetry names models', () => {
    const index = createPriceIndex(cards);
    const price = index.lookup('openai', 'gpt-4o-2024-08-06');
    expect(price?.input).toBe(2.5);
    expect(index.lookup('anthropic.messages', 'claude-3-5-haiku-20241022')?.output).toBe(4);
    expect(index.lookup('gcp.gemini', 'models/gemini-2.5-flash')?.input).toBe(0.3);
    expect(index.lookup(null, 'text-embedding-3-small')?.input).toBe(0.02);
    expect(index.lookup('openai', 'no-such-model')).toBeNull();
    // 1,000 input tokens of which 200 cached, 100 output: 800 × 2.5 + 200 × 1.25 + 100 × 10 per million.
    expect(modelCallCost(price!, { input: 1000, output: 100, cacheRead: 200 })).toBeCloseTo(0.00325, 10);
  });
});

describe('normalizeCatalog', () => {
  it('refuses what is not a snapshot, naming the problem', () => {
    const result = normalizeCatalog([1, 2, 3]);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error).toMatch(/not a models\.dev catalog snapshot/);
  });

  it('skips malformed models and reports them, keeping the rest', () => {
    const result = normalizeCatalog({
      acme: {
        id: 'acme',
        name: 'Acme',
        api: 'https://api.acme.test/v1',
        npm: '@ai-sdk/openai-compatible',
        env: ['ACME_API_KEY'],
        models: { good: { id: 'good', cost: { input: 1, output: 2 } }, bad: { id: 42 } },
      },
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.value.cards.map((card) => card.id)).toEqual(['acme/good']);
    expect(result.value.cards[0]?.access).toMatchObject({
      protocol: 'openai',
      baseUrl: 'https://api.acme.test/v1',
    });
    expect(result.value.skipped[0]).toMatch(/^acme\/bad/);
  });
});
