import {
  type CanonicalSpan,
  type ChatMessage,
  emptySpan,
  type ModelCard,
  modelCallCost,
} from '@sextant/core';
import type { ChatOutput, ChatUsage } from './ai-sdk-chat.js';
import type { GatewayError } from './gateway-error.js';
import type { TraceContext } from './traceparent.js';

/** Everything the gateway knows about one call, gathered as it runs and turned into a span at the end. */
export interface GatewayCall {
  operation: 'chat' | 'embeddings';
  trace: TraceContext;
  spanId: string;
  /** What the client sent as `model`. */
  requestedModel: string;
  /** Alias that routed the call, if any. */
  alias: string | null;
  /** The model that answered, or the last one tried. */
  card: ModelCard | null;
  startTimeUs: number;
  durationMs: number;
  /** Until the first byte of the answer (first streamed chunk when streaming). */
  firstTokenMs: number | null;
  stream: boolean;
  attempts: number;
  cache: 'hit' | 'miss' | 'off';
  error: GatewayError | null;
  input: ChatMessage[] | string | null;
  output: ChatOutput | null;
  usage: ChatUsage | null;
  /** Usage counted with a tokenizer because the provider reported none. */
  usageEstimated: boolean;
  responseModel: string | null;
  sessionId: string | null;
  userId: string | null;
  tags: string[];
  /** The `prompt:NAME@LABEL` the client sent as `model`, and the prompt version it resolved to. */
  promptReference: string | null;
  promptName: string | null;
  promptVersion: number | null;
  /** The `release:NAME@LABEL` the client sent as `model`, and the release version (`NAME@VERSION`) it resolved to. */
  releaseReference?: string | null;
  releaseId?: string | null;
  /** The canary arm that served a `prompt:` or `release:` call, when a canary runs on that label. */
  canary?: { id: string; arm: 'baseline' | 'candidate' } | null;
}

/**
 * The gateway call as a canonical llm or embedding span, with OTel GenAI attributes in `rawAttributes`
 * so exports and the console read it like any ingested span. Cache hits cost nothing.
 */
export function gatewaySpan(call: GatewayCall): CanonicalSpan {
  const model = call.card?.upstreamId ?? call.requestedModel;
  const span = emptySpan({
    traceId: call.trace.traceId,
    spanId: call.spanId,
    name: `${call.operation} ${model}`,
    startTimeUs: call.startTimeUs,
    endTimeUs: call.startTimeUs + Math.max(1, Math.round(call.durationMs * 1000)),
  });
  span.parentSpanId = call.trace.parentSpanId;
  span.kind = call.operation === 'chat' ? 'llm' : 'embedding';
  span.operation = call.operation;
  span.serviceName = 'sextant-gateway';
  span.scopeName = 'sextant.gateway';
  span.model = model;
  span.provider = call.card?.provider ?? null;
  span.status = call.error ? 'error' : 'ok';
  span.statusMessage = call.error?.message ?? null;
  span.error = call.error
    ? { type: call.error.options.code ?? call.error.type, message: call.error.message }
    : null;
  span.promptName = call.promptName;
  span.promptVersion = call.promptVersion === null ? null : String(call.promptVersion);
  span.releaseId = call.releaseId ?? null;
  span.sessionId = call.sessionId;
  span.userId = call.userId;
  span.tags = call.tags;
  const usage = call.usage;
  if (usage) {
    span.inputTokens = usage.input;
    span.outputTokens = usage.output;
    span.cacheReadTokens = usage.cacheRead;
    span.cacheWriteTokens = usage.cacheWrite;
    span.reasoningTokens = usage.reasoning;
    span.cost = call.cache === 'hit' ? 0 : call.card ? modelCallCost(call.card.pricing, usage) : null;
    span.costEstimated = call.usageEstimated && span.cost !== null && span.cost > 0;
  }
  if (call.input !== null) {
    span.input =
      typeof call.input === 'string'
        ? { type: 'text', text: call.input }
        : { type: 'messages', messages: call.input };
  }
  if (call.output) {
    span.output = {
      type: 'messages',
      messages: [
        {
          role: 'assistant',
          content: call.output.content,
          ...(call.output.toolCalls.length > 0
            ? {
                toolCalls: call.output.toolCalls.map((tool) => ({
                  id: tool.id,
                  name: tool.name,
                  arguments: tool.arguments,
                })),
              }
            : {}),
        },
      ],
    };
  }
  span.rawAttributes = {
    'gen_ai.operation.name': call.operation,
    'gen_ai.request.model': call.requestedModel,
    ...(call.responseModel ? { 'gen_ai.response.model': call.responseModel } : {}),
    ...(call.card
      ? { 'gen_ai.provider.name': call.card.provider, 'sextant.gateway.model_id': call.card.id }
      : {}),
    ...(call.output?.finishReason ? { 'gen_ai.response.finish_reasons': [call.output.finishReason] } : {}),
    ...(usage?.input != null ? { 'gen_ai.usage.input_tokens': usage.input } : {}),
    ...(usage?.output != null ? { 'gen_ai.usage.output_tokens': usage.output } : {}),
    ...(call.alias ? { 'sextant.gateway.alias': call.alias } : {}),
    ...(call.promptReference ? { 'sextant.gateway.prompt_reference': call.promptReference } : {}),
    ...(call.releaseReference ? { 'sextant.gateway.release_reference': call.releaseReference } : {}),
    ...(call.releaseId ? { 'sextant.release.id': call.releaseId } : {}),
    ...(call.promptName
      ? { 'gen_ai.prompt.name': call.promptName, 'sextant.prompt.name': call.promptName }
      : {}),
    ...(call.promptVersion !== null ? { 'sextant.prompt.version': call.promptVersion } : {}),
    ...(call.canary ? { 'sextant.canary.id': call.canary.id, 'sextant.canary.arm': call.canary.arm } : {}),
    'sextant.gateway.stream': call.stream,
    'sextant.gateway.attempts': call.attempts,
    'sextant.gateway.cache': call.cache,
    ...(call.firstTokenMs !== null
      ? { 'sextant.gateway.time_to_first_token_ms': round(call.firstTokenMs) }
      : {}),
    'sextant.gateway.latency_ms': round(call.durationMs),
    ...(call.error ? { 'sextant.gateway.status_code': call.error.status } : {}),
    ...(call.usageEstimated ? { 'sextant.usage.estimated': true } : {}),
  };
  return span;
}

const round = (milliseconds: number) => Math.round(milliseconds * 1000) / 1000;
