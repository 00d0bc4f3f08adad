import type { CanonicalSpan, ChatMessage, SpanKind } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import {
  isRecord,
  looksLikeJson,
  lookup,
  parseJson,
  readId,
  readJsonDocument,
  readNumber,
  readString,
  toText,
} from './attribute-readers.js';
import { contentFromValue, messagesContent, toChatMessages } from './chat-messages.js';
import type { FlatMessageLayout } from './indexed-attributes.js';
import { readFlatMessages } from './indexed-attributes.js';
import { fillKind } from './span-fill.js';

// OpenLLMetry / Traceloop: traceloop.* entity spans from the SDK's workflow/task/agent/tool wrappers,
// association properties, and the indexed gen_ai.prompt.N / gen_ai.completion.N attributes its
// instrumentations wrote before they moved to gen_ai.input.messages (JS 0.25, still used by Python).

const ENTITY_KINDS: Record<string, SpanKind> = {
  workflow: 'chain',
  task: 'chain',
  agent: 'agent',
  tool: 'tool',
};
const REQUEST_KINDS: Record<string, SpanKind> = {
  chat: 'llm',
  completion: 'llm',
  embedding: 'embedding',
  rerank: 'retrieval',
};
const ASSOCIATION = 'traceloop.association.properties.';

const MESSAGE_LAYOUT: FlatMessageLayout = {
  role: 'role',
  content: 'content',
  toolCallId: 'tool_call_id',
  name: 'name',
  toolCalls: 'tool_calls',
  toolCallIdKey: 'id',
  toolCallNameKey: 'name',
  toolCallArgumentsKey: 'arguments',
};

/** Fills what Traceloop's attributes carry. */
export function applyOpenLlmetry(span: CanonicalSpan, attributes: Attributes): void {
  const entityKind = readString(attributes, 'traceloop.span.kind');
  const requestType = readString(attributes, 'llm.request.type');
  fillKind(span, lookup(ENTITY_KINDS, entityKind) ?? lookup(REQUEST_KINDS, requestType));
  span.operation ??= requestType ?? entityKind;
  if (entityKind !== null) applyEntity(span, attributes, entityKind);
  if ('gen_ai.prompt.0.role' in attributes || 'gen_ai.prompt.0.content' in attributes) {
    const input = readFlatMessages(attributes, 'gen_ai.prompt', MESSAGE_LAYOUT);
    if (input) span.input ??= messagesContent(decodeContents(input));
  }
  if ('gen_ai.completion.0.role' in attributes || 'gen_ai.completion.0.content' in attributes) {
    const output = readFlatMessages(attributes, 'gen_ai.completion', MESSAGE_LAYOUT);
    if (output) span.output ??= messagesContent(decodeContents(output));
  }
  // Traceloop's own spellings of the cache and reasoning counters.
  span.cacheReadTokens ??= readNumber(attributes, 'gen_ai.usage.cache_read_input_tokens');
  span.cacheWriteTokens ??= readNumber(attributes, 'gen_ai.usage.cache_creation_input_tokens');
  span.reasoningTokens ??= readNumber(attributes, 'gen_ai.usage.reasoning_tokens');
  span.sessionId ??= readAssociation(attributes, 'session_id', 'sessionId');
  span.userId ??= readAssociation(attributes, 'user_id', 'userId');
  span.promptName ??= readString(attributes, 'traceloop.prompt.key');
  span.promptVersion ??= readId(attributes, 'traceloop.prompt.version');
}

/**
 * The indexed attributes hold non-string content JSON-encoded: `"null"` for an assistant turn that only
 * called tools, a JSON array for multi-part content.
 */
function decodeContents(messages: ChatMessage[]): ChatMessage[] {
  for (const message of messages) {
    if (message.content === 'null') message.content = null;
    if (message.content === null || !looksLikeJson(message.content)) continue;
    const parts = parseJson(message.content);
    if (!Array.isArray(parts)) continue;
    const text = toChatMessages([{ role: message.role, content: parts }])?.[0]?.content;
    if (text) message.content = text;
  }
  return messages;
}

function readAssociation(attributes: Attributes, snakeCase: string, camelCase: string): string | null {
  return readId(attributes, ASSOCIATION + snakeCase) ?? readId(attributes, ASSOCIATION + camelCase);
}

/** SDK entity spans: `traceloop.entity.input` is `{"args":[...],"kwargs":{...}}`, the output is JSON. */
function applyEntity(span: CanonicalSpan, attributes: Attributes, entityKind: string): void {
  const name = readString(attributes, 'traceloop.entity.name');
  const input = unwrapArguments(readJsonDocument(attributes, 'traceloop.entity.input'));
  const output = readJsonDocument(attributes, 'traceloop.entity.output');
  if (entityKind === 'tool') {
    span.toolName ??= name;
    span.toolArgs ??= toText(input);
    span.toolResult ??= toText(output);
  } else if (entityKind === 'agent') {
    span.agentName ??= name;
  }
  span.input ??= contentFromValue(input);
  span.output ??= contentFromValue(output);
}

/**
 * The SDK records a call as `{args, kwargs}`; show the one argument, or the keyword arguments, when that
 * is all there is, and the whole record otherwise.
 */
function unwrapArguments(value: unknown): unknown {
  if (!isRecord(value) || !Array.isArray(value.args) || !isRecord(value.kwargs)) return value;
  const hasKeywords = Object.keys(value.kwargs).length > 0;
  if (value.args.length === 1 && !hasKeywords) return value.args[0];
  if (value.args.length === 0) return hasKeywords ? value.kwargs : undefined;
  return value;
}
