import { useCallback, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import type { ModelPricing } from '../api/model-types';
import type { PromptMessage } from '../api/registry-types';
import type { CanonicalSpan } from '../api/types';
import { type ChatUsage, streamChat } from './stream-chat';

export interface ModelRun {
  model: string;
  status: 'streaming' | 'done' | 'error' | 'stopped';
  text: string;
  error: string | null;
  firstTokenMs: number | null;
  latencyMs: number | null;
  usage: ChatUsage | null;
  /** From the catalog price and the usage the stream reported; null when either is unknown. */
  estimatedCost: number | null;
  /** The gateway's span of this call, once stored: the server's own tokens and cost. */
  span: Pick<CanonicalSpan, 'spanId' | 'cost' | 'inputTokens' | 'outputTokens'> | null;
  /** The trace the call joined (the playground sends its own `traceparent`). */
  traceId: string;
}

export interface RunInput {
  models: string[];
  /**
   * A saved prompt version as a gateway reference (`prompt:NAME@VERSION`): the gateway renders it with
   * `variables` and records the prompt version on the span. Null for a draft, sent as `messages`.
   */
  prompt: string | null;
  variables: Record<string, unknown>;
  messages: PromptMessage[];
  parameters: Record<string, unknown>;
  headers: Record<string, string>;
}

const hex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');

/**
 * Runs one prompt against several models at once through the gateway, streaming each answer into its own
 * run; `stop` aborts them all. Each call joins a fresh trace, read back afterwards for the span's cost.
 */
export function useModelRuns(
  client: ApiClient,
  apiKey: string,
  pricing: (model: string) => ModelPricing | null,
) {
  const [runs, setRuns] = useState<ModelRun[]>([]);
  const controller = useRef<AbortController | null>(null);

  // Runs are told apart by their trace id: a new run of the same model never receives an old one's updates.
  const update = useCallback((traceId: string, change: (run: ModelRun) => Partial<ModelRun>) => {
    setRuns((current) => current.map((run) => (run.traceId === traceId ? { ...run, ...change(run) } : run)));
  }, []);

  const run = useCallback(
    (input: RunInput) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const started = input.models.map(
        (model): ModelRun => ({
          model,
          status: 'streaming',
          text: '',
          error: null,
          firstTokenMs: null,
          latencyMs: null,
          usage: null,
          estimatedCost: null,
          span: null,
          traceId: hex(16),
        }),
      );
      setRuns(started);
      for (const { model, traceId } of started) {
        const request = input.prompt
          ? { model: input.prompt, messages: [], variables: input.variables, parameters: input.parameters }
          : { model, messages: input.messages, parameters: input.parameters };
        streamChat(request, {
          apiKey,
          signal: abort.signal,
          headers: {
            ...input.headers,
            traceparent: `00-${traceId}-${hex(8)}-01`,
            // Which model runs a prompt reference (instead of the prompt's configured one).
            ...(input.prompt ? { 'x-sextant-prompt-model': model } : {}),
          },
          onText: (delta) => update(traceId, (current) => ({ text: current.text + delta })),
        }).then(
          (result) => {
            update(traceId, () => ({
              status: 'done',
              text: result.text,
              firstTokenMs: result.firstTokenMs,
              latencyMs: result.latencyMs,
              usage: result.usage,
              estimatedCost: costOf(pricing(model), result.usage),
            }));
            readSpan(client, traceId, abort.signal).then((span) => span && update(traceId, () => ({ span })));
          },
          (error: unknown) =>
            update(traceId, () =>
              abort.signal.aborted
                ? { status: 'stopped' }
                : { status: 'error', error: error instanceof Error ? error.message : String(error) },
            ),
        );
      }
    },
    [apiKey, client, pricing, update],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  return { runs, run, stop, running: runs.some((item) => item.status === 'streaming') };
}

/** Dollars for `usage` at `pricing` (dollars per million tokens). */
export function costOf(pricing: ModelPricing | null, usage: ChatUsage | null): number | null {
  if (!pricing || !usage || pricing.input === null || pricing.output === null) return null;
  return (usage.promptTokens * pricing.input + usage.completionTokens * pricing.output) / 1_000_000;
}

/** The gateway writes its span just after the answer; a few short retries find it. */
async function readSpan(client: ApiClient, traceId: string, signal: AbortSignal): Promise<ModelRun['span']> {
  for (let attempt = 0; attempt < 8 && !signal.aborted; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 150 + attempt * 150));
    try {
      const detail = await client.getTrace(traceId, signal);
      const span = detail.tree[0]?.span;
      if (span)
        return {
          spanId: span.spanId,
          cost: span.cost,
          inputTokens: span.inputTokens,
          outputTokens: span.outputTokens,
        };
    } catch {
      // not stored yet (404): try again
    }
  }
  return null;
}
