import type { OtlpEvent } from '../otlp/otlp-span.js';
import type { CanonicalSpan, ChatMessage } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import { isRecord, lookup, readJson, readNumber, readString, toText } from './attribute-readers.js';
import {
  addToolCall,
  contentFromValue,
  messagesContent,
  openAiToolCall,
  toChatMessages,
} from './chat-messages.js';
import { fillKind } from './span-fill.js';

// Attributes and span events of the OTel GenAI conventions before semconv 1.37 (gen_ai.system,
// gen_ai.prompt / gen_ai.completion, *_tokens), still sent by many instrumentations.

const EVENT_ROLES: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/** Fills what the deprecated GenAI attributes and events carry. */
export function applyGenAiDeprecated(span: CanonicalSpan, attributes: Attributes, events: OtlpEvent[]): void {
  const system = readString(attributes, 'gen_ai.system');
  span.provider ??= system?.toLowerCase() ?? null;
  span.inputTokens ??= readNumber(attributes, 'gen_ai.usage.prompt_tokens');
  span.outputTokens ??= readNumber(attributes, 'gen_ai.usage.completion_tokens');
  span.input ??= contentFromValue(readJson(attributes, 'gen_ai.prompt'));
  span.output ??= contentFromValue(readJson(attributes, 'gen_ai.completion'));
  if (events.length > 0 && (span.input === null || span.output === null)) applyEvents(span, events);
  if (system !== null && (span.model !== null || span.inputTokens !== null || span.input !== null)) {
    fillKind(span, 'llm');
  }
}

/** `gen_ai.{system,user,assistant,tool}.message` events are the input, `gen_ai.choice` events the output. */
function applyEvents(span: CanonicalSpan, events: OtlpEvent[]): void {
  const input: ChatMessage[] = [];
  const output: ChatMessage[] = [];
  for (const event of events) {
    const role = lookup(EVENT_ROLES, event.name);
    if (role !== null) input.push(eventMessage(event.attributes, role));
    else if (event.name === 'gen_ai.choice') output.push(choiceMessage(event.attributes));
  }
  if (input.length > 0) span.input ??= messagesContent(input);
  if (output.length > 0) span.output ??= messagesContent(output);
}

function eventMessage(attributes: Attributes, role: string): ChatMessage {
  const message: ChatMessage = {
    role: readString(attributes, 'role') ?? role,
    content: toText(attributes.content),
  };
  const toolCalls = readJson(attributes, 'tool_calls');
  if (Array.isArray(toolCalls)) for (const call of toolCalls) addToolCall(message, openAiToolCall(call));
  const id = readString(attributes, 'id');
  if (role === 'tool' && id !== null) message.toolCallId = id;
  return message;
}

/** A `gen_ai.choice` event's `message` (JSON or structured) or flat `content`. */
function choiceMessage(attributes: Attributes): ChatMessage {
  const message = readJson(attributes, 'message');
  if (isRecord(message)) {
    const converted = toChatMessages([{ role: 'assistant', ...message }]);
    if (converted?.[0]) return converted[0];
  }
  return eventMessage(attributes, 'assistant');
}
