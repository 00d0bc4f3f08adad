// The task `sextant eval` runs for the support assistant: one release (SEXTANT_EVAL_RELEASE=name@version)
// answering a dataset item's question with its own retrieval. Pass the same release to `sextant eval
// --release` so the gate runs it records count toward promoting it.
import { createGatewayClient, gatewayEmbedder } from '../assistant/gateway-client.js';
import { loadAssistant, registryFor } from '../assistant/load-assistant.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { HybridRetriever } from '../retrieval/hybrid-retriever.js';

function releaseUnderTest(): { name: string; version: number } {
  const value = process.env.SEXTANT_EVAL_RELEASE ?? '';
  const match = /^([\w.-]+)@(\d+)$/.exec(value);
  if (!match) throw new Error(`set SEXTANT_EVAL_RELEASE to NAME@VERSION (got '${value}')`);
  return { name: match[1] ?? '', version: Number(match[2]) };
}

const release = releaseUnderTest();

const url = process.env.SEXTANT_URL ?? 'http://127.0.0.1:4318';
const apiKey = process.env.SEXTANT_API_KEY ?? '';
const client = createGatewayClient(url, apiKey);
const assistant = HybridRetriever.create(loadCorpus(), gatewayEmbedder(client)).then((retriever) =>
  loadAssistant(registryFor(url, apiKey), client, retriever, release),
);

export default async function answer(input: unknown): Promise<string> {
  const question = String((input as { question?: unknown })?.question ?? input);
  return (await (await assistant).answer(question)).answer;
}
