import type { ModelPricing } from './model-card.js';

/** Token counts of one model call, as providers report them (cache tokens are part of `input`). */
export interface TokenUsage {
  input: number | null;
  output: number | null;
  cacheRead?: number | null;
  cacheWrite?: number | null;
}

/**
 * Cost in US dollars of one call. Cache reads and writes are billed at their own prices and the rest of
 * the input at the input price; a cache price the catalog lacks falls back to the input price.
 * Null when the model has no input or output price, or no token counts are known.
 * @example modelCallCost({ input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: null }, { input: 1000, output: 100 }) // 0.0035
 */
export function modelCallCost(pricing: ModelPricing, usage: TokenUsage): number | null {
  if (pricing.input === null && pricing.output === null) return null;
  if (usage.input === null && usage.output === null) return null;
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  const uncached = Math.max(0, (usage.input ?? 0) - cacheRead - cacheWrite);
  const inputPrice = pricing.input ?? 0;
  const microDollars =
    uncached * inputPrice +
    cacheRead * (pricing.cacheRead ?? inputPrice) +
    cacheWrite * (pricing.cacheWrite ?? inputPrice) +
    (usage.output ?? 0) * (pricing.output ?? 0);
  // Round to a billionth of a dollar: float sums of per-token prices otherwise print as 0.0035000000000000005.
  return Math.round(microDollars * 1e3) / 1e9;
}
