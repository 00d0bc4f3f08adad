import type { CanonicalSpan, ChatMessage, SpanContent, SpanKind } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import {
  isRecord,
  parseJson,
  readId,
  readJson,
  readNumber,
  readString,
  readStringList,
  toText,
} from './attribute-readers.js';
import {
  addToolCall,
  contentFromValue,
  messagesContent,
  openAiToolCall,
  toChatMessages,
} from './chat-messages.js';
import { addTags, fillKind } from './span-fill.js';

// The Vercel AI SDK's telemetry (`experimental_telemetry`, ai@4 to ai@6): spans named by `ai.operationId`.
//
// Each call makes an outer span (`ai.generateText`, `ai.streamText`, `ai.embed`, ...) around one inner
// provider call per step (`….doGenerate`, `….doStream`, `….doEmbed`) and one `ai.toolCall` per tool run.
// The inner spans are the model calls, so they are `llm` / `embedding` and carry the tokens. The outer span
// is a `chain`: its usage is the sum of its steps, so it keeps no tokens, and rolling a trace up counts
// every call exactly once.

const METADATA = 'ai.telemetry.metadata.';

/** The canonical kind of an AI SDK span. */
function kindOf(operationId: string): SpanKind {
  if (operationId === 'ai.toolCall') return 'tool';
  if (operationId.endsWith('.doGenerate') || operationId.endsWith('.doStream')) return 'llm';
  if (operationId.endsWith('.doEmbed')) return 'embedding';
  if (operationId.endsWith('.doRerank')) return 'retrieval';
  return 'chain';
}

/** True for the AI SDK's outer spans, whose token counts repeat those of their inner calls. */
export function isVercelAiWrapper(attributes: Attributes): boolean {
  const operationId = readString(attributes, 'ai.operationId');
  return operationId !== null && kindOf(operationId) === 'chain';
}

/** Fills what the AI SDK's `ai.*` attributes carry. */
export function applyVercelAi(span: CanonicalSpan, attributes: Attributes): void {
  const operationId = readString(attributes, 'ai.operationId');
  if (operationId === null) return;
  const kind = kindOf(operationId);
  fillKind(span, kind);
  span.operation ??= operationId;
  span.model ??= readString(attributes, 'ai.response.model') ?? readString(attributes, 'ai.model.id');
  // "openai.chat", "anthropic.messages", "google.generative-ai": the provider is the part before the dot.
  span.provider ??= readString(attributes, 'ai.model.provider')?.split('.')[0] ?? null;
  if (kind === 'llm' || kind === 'embedding') applyUsage(span, attributes);
  if (kind === 'tool') applyToolCall(span, attributes);
  else applyContent(span, attributes, kind);
  span.sessionId ??=
    readId(attributes, `${METADATA}sessionId`) ?? readId(attributes, `${METADATA}session_id`);
  span.userId ??= readId(attributes, `${METADATA}userId`) ?? readId(attributes, `${METADATA}user_id`);
  addTags(span, readStringList(attributes, `${METADATA}tags`));
}

function applyUsage(span: CanonicalSpan, attributes: Attributes): void {
  // ai@5+ names first, then ai@4 (promptTokens / completionTokens); embeddings report `ai.usage.tokens`.
  span.inputTokens ??=
    readNumber(attributes, 'ai.usage.inputTokens') ??
    readNumber(attributes, 'ai.usage.promptTokens') ??
    readNumber(attributes, 'ai.usage.tokens');
  span.outputTokens ??=
    readNumber(attributes, 'ai.usage.outputTokens') ?? readNumber(attributes, 'ai.usage.completionTokens');
  span.cacheReadTokens ??=
    readNumber(attributes, 'ai.usage.inputTokenDetails.cacheReadTokens') ??
    readNumber(attributes, 'ai.usage.cachedInputTokens');
  span.cacheWriteTokens ??= readNumber(attributes, 'ai.usage.inputTokenDetails.cacheWriteTokens');
  span.reasoningTokens ??=
    readNumber(attributes, 'ai.usage.outputTokenDetails.reasoningTokens') ??
    readNumber(attributes, 'ai.usage.reasoningTokens');
}

function applyToolCall(span: CanonicalSpan, attributes: Attributes): void {
  span.toolName ??= readString(attributes, 'ai.toolCall.name');
  span.toolCallId ??= readString(attributes, 'ai.toolCall.id');
  span.toolArgs ??= toText(attributes['ai.toolCall.args']);
  span.toolResult ??= toText(attributes['ai.toolCall.result']);
}

function applyContent(span: CanonicalSpan, attributes: Attributes, kind: SpanKind): void {
  if (kind === 'embedding' || 'ai.value' in attributes || 'ai.values' in attributes) {
    // Embedding inputs are JSON-encoded values: `ai.value` one, `ai.values` an array of them.
    const values = attributes['ai.values'];
    const input = !Array.isArray(values)
      ? parseEmbeddedValue(attributes['ai.value'])
      : values.length === 1
        ? parseEmbeddedValue(values[0])
        : values.map(parseEmbeddedValue);
    span.input ??= contentFromValue(input);
    return;
  }
  const messages = toChatMessages(readJson(attributes, 'ai.prompt.messages'));
  span.input ??= messages ? messagesContent(messages) : promptContent(readJson(attributes, 'ai.prompt'));
  span.output ??= responseContent(attributes, kind);
}

function parseEmbeddedValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parseJson(value);
  return parsed === undefined ? value : parsed;
}

/** The outer span's `ai.prompt`: `{ system?, prompt?: string | messages, messages? }`. */
function promptContent(prompt: unknown): SpanContent | null {
  if (!isRecord(prompt)) return contentFromValue(prompt);
  const messages: ChatMessage[] = [];
  if (typeof prompt.system === 'string') messages.push({ role: 'system', content: prompt.system });
  if (typeof prompt.prompt === 'string') messages.push({ role: 'user', content: prompt.prompt });
  messages.push(...(toChatMessages(prompt.prompt) ?? []), ...(toChatMessages(prompt.messages) ?? []));
  return messages.length > 0 ? messagesContent(messages) : contentFromValue(prompt);
}

/** The model's answer: an assistant message for model calls or when tools were called, else the text. */
function responseContent(attributes: Attributes, kind: SpanKind): SpanContent | null {
  const object = readJson(attributes, 'ai.response.object');
  if (object !== undefined) return contentFromValue(object);
  const text = readString(attributes, 'ai.response.text');
  const toolCalls = readJson(attributes, 'ai.response.toolCalls');
  if (!Array.isArray(toolCalls) && kind !== 'llm') return text === null ? null : { type: 'text', text };
  const message: ChatMessage = { role: 'assistant', content: text };
  if (Array.isArray(toolCalls)) for (const call of toolCalls) addToolCall(message, openAiToolCall(call));
  return text === null && !message.toolCalls ? null : messagesContent([message]);
}
