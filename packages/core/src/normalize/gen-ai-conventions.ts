import type { CanonicalSpan, ChatMessage, RetrievedDocument, SpanKind } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import {
  isRecord,
  lookup,
  readId,
  readJson,
  readNumber,
  readString,
  toNumber,
  toText,
} from './attribute-readers.js';
import { contentFromValue, messagesContent, toChatMessages } from './chat-messages.js';
import { fillKind } from './span-fill.js';

// OpenTelemetry GenAI semantic conventions as of semconv 1.37+ (gen_ai.operation.name, gen_ai.provider.name,
// gen_ai.input.messages / output.messages with typed parts). The deprecated attributes live in
// gen-ai-deprecated-conventions.ts.

const KINDS: Record<string, SpanKind> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  embeddings: 'embedding',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
  retrieval: 'retrieval',
  invoke_workflow: 'chain',
};

/** Fills what the current OTel GenAI attributes carry. */
export function applyGenAi(span: CanonicalSpan, attributes: Attributes): void {
  const operation = readString(attributes, 'gen_ai.operation.name');
  if (operation !== null) {
    fillKind(span, lookup(KINDS, operation));
    span.operation ??= operation;
  }
  span.provider ??= readString(attributes, 'gen_ai.provider.name')?.toLowerCase() ?? null;
  span.model ??=
    readString(attributes, 'gen_ai.response.model') ?? readString(attributes, 'gen_ai.request.model');
  span.inputTokens ??= readNumber(attributes, 'gen_ai.usage.input_tokens');
  span.outputTokens ??= readNumber(attributes, 'gen_ai.usage.output_tokens');
  span.cacheReadTokens ??= readNumber(attributes, 'gen_ai.usage.cache_read.input_tokens');
  span.cacheWriteTokens ??= readNumber(attributes, 'gen_ai.usage.cache_creation.input_tokens');
  span.reasoningTokens ??= readNumber(attributes, 'gen_ai.usage.reasoning.output_tokens');
  applyMessages(span, attributes);
  span.toolName ??= readString(attributes, 'gen_ai.tool.name');
  span.toolCallId ??= readString(attributes, 'gen_ai.tool.call.id');
  span.toolArgs ??= toText(attributes['gen_ai.tool.call.arguments']);
  span.toolResult ??= toText(attributes['gen_ai.tool.call.result']);
  span.agentName ??= readString(attributes, 'gen_ai.agent.name');
  span.sessionId ??= readId(attributes, 'gen_ai.conversation.id');
  span.promptName ??= readString(attributes, 'gen_ai.prompt.name');
  if ('gen_ai.retrieval.documents' in attributes) {
    const documents = readDocuments(readJson(attributes, 'gen_ai.retrieval.documents'));
    if (documents.length > 0) span.documents ??= documents;
    span.input ??= contentFromValue(attributes['gen_ai.retrieval.query.text']);
  }
}

function applyMessages(span: CanonicalSpan, attributes: Attributes): void {
  if (span.input === null) {
    const instructions = systemInstructions(attributes);
    const input = readJson(attributes, 'gen_ai.input.messages');
    const messages = toChatMessages(input);
    if (instructions) span.input = messagesContent([instructions, ...(messages ?? [])]);
    else span.input = messages ? messagesContent(messages) : contentFromValue(input);
  }
  span.output ??= contentFromValue(readJson(attributes, 'gen_ai.output.messages'));
}

/** `gen_ai.system_instructions` (a list of parts, or plain text) as one system message. */
function systemInstructions(attributes: Attributes): ChatMessage | null {
  const value = readJson(attributes, 'gen_ai.system_instructions');
  if (typeof value === 'string') return value === '' ? null : { role: 'system', content: value };
  if (!Array.isArray(value)) return null;
  const texts: string[] = [];
  for (const part of value) {
    if (typeof part === 'string') texts.push(part);
    else if (isRecord(part) && typeof part.content === 'string') texts.push(part.content);
  }
  return texts.length > 0 ? { role: 'system', content: texts.join('\n') } : null;
}

/** `gen_ai.retrieval.documents`: `[{ id, score, content? }]`. */
function readDocuments(value: unknown): RetrievedDocument[] {
  if (!Array.isArray(value)) return [];
  const documents: RetrievedDocument[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const content = toText(item.content ?? item.text) ?? '';
    const document: RetrievedDocument = { content };
    if (typeof item.id === 'string' || typeof item.id === 'number') document.id = String(item.id);
    const score = toNumber(item.score);
    if (score !== null) document.score = score;
    if (isRecord(item.metadata)) document.metadata = item.metadata;
    documents.push(document);
  }
  return documents;
}
