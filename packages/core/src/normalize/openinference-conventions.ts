import type { CanonicalSpan, RetrievedDocument, SpanKind } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import { isRecord, lookup, readJson, readNumber, readString, readStringList } from './attribute-readers.js';
import { contentFromText, messagesContent } from './chat-messages.js';
import type { FlatMessageLayout } from './indexed-attributes.js';
import { readFlatMessages, readIndexed } from './indexed-attributes.js';
import { addTags, fillKind } from './span-fill.js';

// OpenInference semantic conventions (Arize Phoenix): https://github.com/Arize-ai/openinference

const KINDS: Record<string, SpanKind> = {
  LLM: 'llm',
  EMBEDDING: 'embedding',
  RETRIEVER: 'retrieval',
  RERANKER: 'retrieval',
  TOOL: 'tool',
  AGENT: 'agent',
  CHAIN: 'chain',
  GUARDRAIL: 'guardrail',
  EVALUATOR: 'other',
  PROMPT: 'chain',
};

const MESSAGE_LAYOUT: FlatMessageLayout = {
  role: 'message.role',
  content: 'message.content',
  toolCallId: 'message.tool_call_id',
  name: 'message.name',
  toolCalls: 'message.tool_calls',
  toolCallIdKey: 'tool_call.id',
  toolCallNameKey: 'tool_call.function.name',
  toolCallArgumentsKey: 'tool_call.function.arguments',
};

/** Fills what OpenInference attributes (`openinference.span.kind`, `llm.*`, `input.value`, ...) carry. */
export function applyOpenInference(span: CanonicalSpan, attributes: Attributes): void {
  const kindName = readString(attributes, 'openinference.span.kind');
  if (kindName === null && !('llm.model_name' in attributes)) return;
  const kind = kindName === null ? 'llm' : (lookup(KINDS, kindName.toUpperCase()) ?? 'other');
  fillKind(span, kind);
  span.operation ??= kindName?.toLowerCase() ?? null;
  span.model ??= readString(attributes, 'llm.model_name') ?? readString(attributes, 'embedding.model_name');
  span.provider ??=
    (readString(attributes, 'llm.provider') ?? readString(attributes, 'llm.system'))?.toLowerCase() ?? null;
  span.inputTokens ??= readNumber(attributes, 'llm.token_count.prompt');
  span.outputTokens ??= readNumber(attributes, 'llm.token_count.completion');
  span.cacheReadTokens ??= readNumber(attributes, 'llm.token_count.prompt_details.cache_read');
  span.cacheWriteTokens ??= readNumber(attributes, 'llm.token_count.prompt_details.cache_write');
  span.reasoningTokens ??= readNumber(attributes, 'llm.token_count.completion_details.reasoning');
  applyContent(span, attributes);
  if (kind === 'retrieval') {
    const prefix =
      kindName?.toUpperCase() === 'RERANKER' ? 'reranker.output_documents' : 'retrieval.documents';
    const documents = readDocuments(attributes, prefix);
    if (documents.length > 0) span.documents ??= documents;
  }
  if (kind === 'tool') applyTool(span, attributes);
  span.agentName ??= readString(attributes, 'agent.name');
  addTags(span, readStringList(attributes, 'tag.tags'));
}

function applyContent(span: CanonicalSpan, attributes: Attributes): void {
  if (span.input === null) {
    const messages = readMessages(attributes, 'llm.input_messages');
    span.input = messages
      ? messagesContent(messages)
      : contentFromText(
          readString(attributes, 'input.value'),
          readString(attributes, 'input.mime_type') ?? 'text/plain',
        );
  }
  if (span.output === null) {
    const messages = readMessages(attributes, 'llm.output_messages');
    span.output = messages
      ? messagesContent(messages)
      : contentFromText(
          readString(attributes, 'output.value'),
          readString(attributes, 'output.mime_type') ?? 'text/plain',
        );
  }
}

function readMessages(attributes: Attributes, prefix: string): ReturnType<typeof readFlatMessages> {
  const messages = readFlatMessages(attributes, prefix, MESSAGE_LAYOUT);
  if (messages === null) return null;
  // Multi-part content: `…message.contents.N.message_content.text`.
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    if (message.content !== null) continue;
    const texts = readIndexed(`${prefix}.${index}.message.contents`, (stem) =>
      readString(attributes, `${stem}message_content.text`),
    );
    if (texts.length > 0) message.content = texts.join('\n');
  }
  return messages;
}

/** Documents recorded as `<prefix>.N.document.*` attributes (OpenInference's layout, which Sextant's SDK uses too). */
export function readDocuments(attributes: Attributes, prefix: string): RetrievedDocument[] {
  return readIndexed(prefix, (stem) => {
    const content = readString(attributes, `${stem}document.content`);
    const id = readString(attributes, `${stem}document.id`);
    if (content === null && id === null) return null;
    const document: RetrievedDocument = { content: content ?? '' };
    if (id !== null) document.id = id;
    const score = readNumber(attributes, `${stem}document.score`);
    if (score !== null) document.score = score;
    const metadata = readJson(attributes, `${stem}document.metadata`);
    if (isRecord(metadata)) document.metadata = metadata;
    return document;
  });
}

/** TOOL spans: the call's arguments are the span input, its result the span output. */
function applyTool(span: CanonicalSpan, attributes: Attributes): void {
  span.toolName ??= readString(attributes, 'tool.name') ?? readString(attributes, 'tool_call.function.name');
  span.toolCallId ??= readString(attributes, 'tool_call.id');
  span.toolArgs ??=
    readString(attributes, 'tool_call.function.arguments') ?? readString(attributes, 'input.value');
  span.toolResult ??= readString(attributes, 'output.value');
}
