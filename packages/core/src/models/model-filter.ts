import { z } from 'zod';
import type { ModelCard } from './model-card.js';

const capabilityNames = ['tools', 'structuredOutput', 'vision', 'reasoning'] as const;
const optionalNumber = z.coerce.number().nonnegative().optional();

/** Filters of the model garden, as query parameters (the API) or options (the CLI). */
export const modelFilterSchema = z.object({
  /** Words that must all appear in the id, name or provider. */
  q: z.string().optional(),
  /** Comma-separated provider ids. */
  provider: z.string().optional(),
  /** Highest input price, dollars per million tokens. */
  maxInputPrice: optionalNumber,
  /** Highest output price, dollars per million tokens. */
  maxOutputPrice: optionalNumber,
  minContext: z.coerce.number().int().nonnegative().optional(),
  /** Comma-separated capabilities that must all be present: tools, structuredOutput, vision, reasoning. */
  capability: z
    .string()
    .optional()
    .refine(
      (value) =>
        !value ||
        value.split(',').every((name) => (capabilityNames as readonly string[]).includes(name.trim())),
      { message: `capabilities are ${capabilityNames.join(', ')}` },
    ),
  source: z.enum(['catalog', 'endpoint', 'gguf']).optional(),
  openWeights: z.enum(['true', 'false']).optional(),
  sort: z.enum(['id', 'inputPrice', 'outputPrice', 'context', 'releaseDate']).default('id'),
  limit: z.coerce.number().int().min(1).max(2000).default(2000),
});
export type ModelFilter = z.infer<typeof modelFilterSchema>;
export type ModelFilterInput = z.input<typeof modelFilterSchema>;

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

/**
 * The cards that pass every filter, sorted. A model with an unknown price never passes a price limit,
 * and one with an unknown context window never passes a minimum context.
 */
export function filterModels(cards: readonly ModelCard[], filter: ModelFilter): ModelCard[] {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const providers = list(filter.provider).map((provider) => provider.toLowerCase());
  const capabilities = list(filter.capability) as (typeof capabilityNames)[number][];
  const matches = cards.filter((card) => {
    if (providers.length > 0 && !providers.includes(card.provider)) return false;
    if (filter.source && card.source !== filter.source) return false;
    if (filter.openWeights && String(card.openWeights === true) !== filter.openWeights) return false;
    if (
      filter.maxInputPrice !== undefined &&
      !(card.pricing.input !== null && card.pricing.input <= filter.maxInputPrice)
    )
      return false;
    if (
      filter.maxOutputPrice !== undefined &&
      !(card.pricing.output !== null && card.pricing.output <= filter.maxOutputPrice)
    )
      return false;
    if (
      filter.minContext !== undefined &&
      !(card.contextWindow !== null && card.contextWindow >= filter.minContext)
    )
      return false;
    if (!capabilities.every((capability) => card.capabilities[capability])) return false;
    if (words.length > 0) {
      const haystack = `${card.id} ${card.name} ${card.providerName}`.toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  });
  return matches.sort(comparators[filter.sort]).slice(0, filter.limit);
}

const nullsLast = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;

const comparators: Record<ModelFilter['sort'], (a: ModelCard, b: ModelCard) => number> = {
  id: (a, b) => a.id.localeCompare(b.id),
  inputPrice: (a, b) => nullsLast(a.pricing.input, b.pricing.input) || a.id.localeCompare(b.id),
  outputPrice: (a, b) => nullsLast(a.pricing.output, b.pricing.output) || a.id.localeCompare(b.id),
  // Largest context first: that is what someone sorting by context is looking for.
  context: (a, b) =>
    nullsLast(
      a.contextWindow === null ? null : -a.contextWindow,
      b.contextWindow === null ? null : -b.contextWindow,
    ) || a.id.localeCompare(b.id),
  releaseDate: (a, b) => (b.releaseDate ?? '').localeCompare(a.releaseDate ?? '') || a.id.localeCompare(b.id),
};
