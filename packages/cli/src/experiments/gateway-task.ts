import { SextantError } from '@sextant/core';
import type { TaskContext } from '@sextant/sdk';
import type { ApiRequest } from '../registry-client.js';
import { postJson } from './post-json.js';

/** What `experiments run` sends through the gateway, and the lineage recorded on the experiment. */
export interface GatewayTask {
  run: (input: unknown, context: TaskContext) => Promise<string>;
  release?: { name: string; version: number };
  promptVersions?: { name: string; version: number }[];
  model?: string;
}

interface ReleaseJson {
  name: string;
  version: number;
  definition: { prompts: Record<string, number>; models: Record<string, string> };
}
interface PromptJson {
  name: string;
  version: number;
}
interface ChatAnswer {
  choices?: { message?: { content?: string | null } }[];
  error?: { message?: string };
}

/** `NAME@LABEL` or `NAME@VERSION` (default label `production`) as a query for the registry. */
function selector(reference: string): { name: string; query: string } {
  const [name = '', pin] = reference.split('@');
  if (!name)
    throw new SextantError('bad_request', `'${reference}' names nothing; use NAME@LABEL or NAME@VERSION`);
  if (pin === undefined) return { name, query: 'label=production' };
  return { name, query: /^\d+$/.test(pin) ? `version=${pin}` : `label=${encodeURIComponent(pin)}` };
}

/**
 * A task calling the gateway's /v1/chat/completions: with a release (its first prompt, at the version
 * the release pins, with the release's model) or a prompt and a model, or a bare model with the item's
 * input as the user message. Sends the run's traceparent so the gateway's llm span joins the run's trace,
 * and `x-sextant-cache: no-store` so repeats are independent samples.
 */
export async function createGatewayTask(
  api: ApiRequest,
  gateway: { url: string; apiKey: string },
  target: { release?: string; prompt?: string; model?: string },
): Promise<GatewayTask> {
  let promptReference: string | undefined;
  let model = target.model;
  let release: GatewayTask['release'];
  let promptVersions: GatewayTask['promptVersions'];
  if (target.release) {
    const { name, query } = selector(target.release);
    const found = await api<ReleaseJson>('GET', `/api/releases/${encodeURIComponent(name)}?${query}`);
    const [promptName, promptVersion] = Object.entries(found.definition.prompts)[0] ?? [];
    if (!promptName || promptVersion === undefined) {
      throw new SextantError(
        'bad_request',
        `release ${found.name}@${found.version} pins no prompt; add one or pass --model`,
      );
    }
    release = { name: found.name, version: found.version };
    promptVersions = Object.entries(found.definition.prompts).map(([prompt, version]) => ({
      name: prompt,
      version,
    }));
    promptReference = `prompt:${promptName}@${promptVersion}`;
    model ??= found.definition.models[promptName] ?? found.definition.models.generator;
  } else if (target.prompt) {
    const { name, query } = selector(target.prompt);
    const found = await api<PromptJson>('GET', `/api/prompts/${encodeURIComponent(name)}?${query}`);
    promptVersions = [{ name: found.name, version: found.version }];
    promptReference = `prompt:${found.name}@${found.version}`;
  } else if (!model) {
    throw new SextantError(
      'bad_request',
      'say what to run: --release NAME@LABEL, --prompt NAME@LABEL, or --model MODEL',
    );
  }
  const releaseId = release ? `${release.name}@${release.version}` : undefined;
  return {
    release,
    promptVersions,
    model,
    run: async (input, { item, span }) => {
      const { traceId, spanId } = span.spanContext();
      const body: Record<string, unknown> = promptReference
        ? { model: promptReference, messages: [], variables: variablesOf(input) }
        : {
            model,
            messages: [{ role: 'user', content: typeof input === 'string' ? input : JSON.stringify(input) }],
          };
      body.metadata = {
        'sextant.experiment.item_id': item.id,
        ...(releaseId ? { 'sextant.release.id': releaseId } : {}),
      };
      const response = await postJson(
        new URL('/v1/chat/completions', gateway.url),
        {
          authorization: `Bearer ${gateway.apiKey}`,
          'x-sextant-cache': 'no-store',
          traceparent: `00-${traceId}-${spanId}-01`,
          ...(promptReference && model ? { 'x-sextant-prompt-model': model } : {}),
        },
        body,
      );
      const answer = response.json as ChatAnswer | null;
      if (response.status < 200 || response.status >= 300)
        throw new Error(`gateway ${response.status}: ${answer?.error?.message ?? response.statusText}`);
      return answer?.choices?.[0]?.message?.content ?? '';
    },
  };
}

/** A prompt's variables: the item's input when it is an object, else `{ input }`. */
const variablesOf = (input: unknown) =>
  input !== null && typeof input === 'object' && !Array.isArray(input) ? input : { input };
