import type { ModelCard, ModelPricing } from './model-card.js';
import { canonicalProvider, modelNameVariants } from './model-names.js';

/** Providers whose own models are listed under them first; a bare model name resolves to them. */
const firstPartyProviders = ['openai', 'anthropic', 'google', 'mistral', 'xai', 'deepseek', 'google-vertex'];

/** Finds the price of a model named as telemetry names it (provider and model, either may be loose). */
export interface PriceIndex {
  /** Null when no catalog entry matches. */
  lookup(provider: string | null, model: string): ModelPricing | null;
  readonly size: number;
}

/**
 * Builds a lookup prepared once, so costing a span is a few Map reads: keys are `provider/model` and
 * bare `model` (first-party providers win a bare name), tried in the spellings of `modelNameVariants`.
 * Cards listed later win, so a project's own models override the catalog when passed after it.
 */
export function createPriceIndex(cards: readonly ModelCard[]): PriceIndex {
  const byQualified = new Map<string, ModelPricing>();
  const byBare = new Map<string, { pricing: ModelPricing; rank: number }>();
  for (const card of cards) {
    const { pricing } = card;
    if (pricing.input === null && pricing.output === null) continue;
    const rank = firstPartyProviders.includes(card.provider)
      ? firstPartyProviders.indexOf(card.provider)
      : 100;
    for (const name of new Set([card.upstreamId, card.upstreamId.toLowerCase()])) {
      byQualified.set(`${card.provider}/${name}`, pricing);
      const existing = byBare.get(name);
      if (!existing || rank <= existing.rank) byBare.set(name, { pricing, rank });
    }
    byQualified.set(card.id, pricing);
  }
  const memo = new Map<string, ModelPricing | null>();
  return {
    size: byQualified.size,
    lookup(provider, model) {
      const memoKey = `${provider ?? ''}\u0000${model}`;
      const remembered = memo.get(memoKey);
      if (remembered !== undefined) return remembered;
      const found = find(provider, model);
      if (memo.size > 10_000) memo.clear();
      memo.set(memoKey, found);
      return found;
    },
  };

  function find(provider: string | null, model: string): ModelPricing | null {
    const canonical = provider ? canonicalProvider(provider) : null;
    for (const name of modelNameVariants(model)) {
      const exact = byQualified.get(name); // already `provider/model`
      if (exact && name.includes('/')) return exact;
      if (canonical) {
        const qualified = byQualified.get(`${canonical}/${name}`);
        if (qualified) return qualified;
      }
    }
    for (const name of modelNameVariants(model)) {
      const bare = byBare.get(name);
      if (bare) return bare.pricing;
    }
    return null;
  }
}
