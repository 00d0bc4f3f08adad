import { type CanonicalSpan, modelCallCost, spanContentText } from '@sextant/core';
import type { ModelPriceBook } from './model-price-book.js';

/** Longest text tokenized to estimate a span's usage; beyond it the estimate scales by length. */
const maxEstimatedChars = 32_768;

const isModelCall = (span: CanonicalSpan) =>
  (span.kind === 'llm' || span.kind === 'embedding') && span.model !== null;

/**
 * Prices the llm and embedding spans of a batch from the catalog, in place. Spans that already carry a
 * cost keep it. Spans without token counts but with text are counted with a tokenizer and marked
 * `costEstimated`. Costs nothing for batches without model calls.
 */
export async function costSpans(
  projectId: string,
  spans: CanonicalSpan[],
  prices: ModelPriceBook,
): Promise<void> {
  let prepared = false;
  let counter: ((text: string) => number) | null = null;
  for (const span of spans) {
    if (span.cost !== null || !isModelCall(span)) continue;
    if (!prepared) {
      try {
        await prices.prepare(projectId);
      } catch {
        return; // costing is best effort: a store hiccup must not lose the batch
      }
      prepared = true;
    }
    const pricing = prices.lookup(projectId, span.provider, span.model!);
    if (!pricing) continue;
    let estimated = span.rawAttributes['sextant.usage.estimated'] === true;
    if (span.inputTokens === null && span.outputTokens === null) {
      if (span.input === null && span.output === null) continue;
      const count: (text: string) => number = counter ?? (await loadCounter());
      counter = count;
      span.inputTokens = countText(count, spanContentText(span.input));
      span.outputTokens = countText(count, spanContentText(span.output));
      estimated = true;
    }
    span.cost = modelCallCost(pricing, {
      input: span.inputTokens,
      output: span.outputTokens,
      cacheRead: span.cacheReadTokens,
      cacheWrite: span.cacheWriteTokens,
    });
    span.costEstimated = estimated && span.cost !== null;
  }
}

async function loadCounter() {
  const { loadTokenCounter } = await import('@sextant/providers/tokens');
  return loadTokenCounter();
}

function countText(count: (text: string) => number, text: string): number {
  if (text.length <= maxEstimatedChars) return count(text);
  return Math.round((count(text.slice(0, maxEstimatedChars)) * text.length) / maxEstimatedChars);
}
