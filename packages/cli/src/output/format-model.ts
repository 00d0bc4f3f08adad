import type { ModelCard } from '@sextant/core';
import { formatTable } from './format-table.js';

/** `$2.50`, `$0.075`, `free`, or `?` when the catalog has no price. Dollars per million tokens. */
export function formatPrice(price: number | null): string {
  if (price === null) return '?';
  if (price === 0) return 'free';
  return price >= 1 ? `$${price.toFixed(2)}` : `$${Number(price.toPrecision(3))}`;
}

/** `128K`, `1M`, `2.1M`: context sizes at a glance. */
export function formatTokens(tokens: number | null): string {
  if (tokens === null) return '?';
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(1))}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

/** `tools json vision reasoning`, with the ones a model lacks left out. */
export function formatCapabilities(card: ModelCard): string {
  const { tools, structuredOutput, vision, reasoning } = card.capabilities;
  return [tools && 'tools', structuredOutput && 'json', vision && 'vision', reasoning && 'reasoning']
    .filter(Boolean)
    .join(' ');
}

export function formatModelList(cards: readonly ModelCard[]): string {
  return formatTable(
    ['MODEL', 'CONTEXT', 'IN $/M', 'OUT $/M', 'CAPABILITIES', 'RELEASED', 'SOURCE'],
    cards.map((card) => [
      card.id,
      formatTokens(card.contextWindow),
      formatPrice(card.pricing.input),
      formatPrice(card.pricing.output),
      formatCapabilities(card),
      card.releaseDate ?? '',
      card.source,
    ]),
  );
}

const rows: [string, (card: ModelCard) => string][] = [
  ['name', (card) => card.name],
  ['provider', (card) => `${card.providerName} (${card.provider})`],
  ['source', (card) => card.source],
  ['context window', (card) => formatTokens(card.contextWindow)],
  ['max output', (card) => formatTokens(card.maxOutputTokens)],
  ['input $/M tokens', (card) => formatPrice(card.pricing.input)],
  ['output $/M tokens', (card) => formatPrice(card.pricing.output)],
  ['cache read $/M', (card) => formatPrice(card.pricing.cacheRead)],
  ['cache write $/M', (card) => formatPrice(card.pricing.cacheWrite)],
  ['input modalities', (card) => card.modalities.input.join(', ')],
  ['output modalities', (card) => card.modalities.output.join(', ')],
  ['tools', (card) => yesNo(card.capabilities.tools)],
  ['structured output', (card) => yesNo(card.capabilities.structuredOutput)],
  ['vision', (card) => yesNo(card.capabilities.vision)],
  ['reasoning', (card) => yesNo(card.capabilities.reasoning)],
  ['open weights', (card) => (card.openWeights === null ? '?' : yesNo(card.openWeights))],
  ['licence', (card) => card.license ?? (card.openWeights ? '?' : '')],
  ['released', (card) => card.releaseDate ?? '?'],
  ['knowledge cutoff', (card) => card.knowledgeCutoff ?? '?'],
  ['reached through', (card) => access(card)],
];

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function access(card: ModelCard): string {
  const { protocol, baseUrl, credentialEnv, file, threads } = card.access;
  if (protocol === 'gguf') return `in-process llama.cpp, ${threads ?? 1} thread(s), ${file}`;
  if (protocol === 'none') return 'not callable through Sextant yet';
  const credential = credentialEnv.length > 0 ? `, key in ${credentialEnv[0]}` : '';
  return `${protocol}${baseUrl ? ` at ${baseUrl}` : ''}${credential}`;
}

/** One model, one fact per line. */
export function formatModelCard(card: ModelCard): string {
  return [card.id, ...rows.map(([label, read]) => `  ${label.padEnd(18)} ${read(card)}`)].join('\n');
}

/** Models side by side: one column per model, one row per fact. */
export function formatModelComparison(cards: readonly ModelCard[]): string {
  return formatTable(
    ['', ...cards.map((card) => card.id)],
    rows.filter(([label]) => label !== 'reached through').map(([label, read]) => [label, ...cards.map(read)]),
  );
}
