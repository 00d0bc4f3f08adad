import { createRegistryClient, type RegistryClient } from '@sextant/sdk';
import type OpenAI from 'openai';
import type { HybridRetriever } from '../retrieval/hybrid-retriever.js';
import { createSupportAssistant } from './support-assistant.js';

/** Builds the assistant a release defines: its pinned prompt version, its generator model and its top_k. */
export async function loadAssistant(
  registry: RegistryClient,
  client: OpenAI,
  retriever: HybridRetriever,
  release: { name: string; version?: number; label?: string },
) {
  const pinned = await registry.getRelease(release.name, {
    ...(release.version ? { version: release.version } : { label: release.label ?? 'production' }),
    timeoutMs: 10_000,
  });
  const promptVersion = pinned.prompts['support-answer'];
  if (!promptVersion) throw new Error(`release ${pinned.id} pins no support-answer prompt`);
  const prompt = await registry.getPrompt('support-answer', {
    version: promptVersion,
    type: 'chat',
    timeoutMs: 10_000,
  });
  const model = pinned.models.generator ?? 'sextant/extractive-baseline';
  const topK = Number(pinned.retriever?.top_k ?? 3);
  return createSupportAssistant(client, retriever, {
    model,
    topK,
    prompt,
    ...(pinned.id ? { releaseId: pinned.id } : {}),
  });
}

export const registryFor = (url: string, apiKey: string) => createRegistryClient({ endpoint: url, apiKey });
