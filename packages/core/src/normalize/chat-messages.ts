import type { ChatMessage, SpanContent, ToolCall } from '../span/canonical-span.js';
import { isRecord, looksLikeJson, parseJson, toText } from './attribute-readers.js';

/**
 * Converts a chat transcript in any shape in use today into ChatMessage[]: OpenAI messages
 * (`content` string or parts, `tool_calls`), OTel GenAI messages (`parts` of text / tool_call /
 * tool_call_response), AI SDK prompts (`tool-call` / `tool-result` parts) and Anthropic blocks.
 * Returns null when `value` is not a non-empty list of objects with a string `role`.
 */
export function toChatMessages(value: unknown): ChatMessage[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.role !== 'string') return null;
    messages.push(toChatMessage(item, item.role));
  }
  return messages;
}

function toChatMessage(value: Record<string, unknown>, role: string): ChatMessage {
  const message: ChatMessage = { role, content: null };
  const parts = Array.isArray(value.parts)
    ? value.parts
    : Array.isArray(value.content)
      ? value.content
      : null;
  if (parts === null) {
    message.content = toText(value.content);
  } else {
    const texts: string[] = [];
    for (const part of parts) applyPart(message, part, texts);
    message.content = texts.length > 0 ? texts.join('\n') : null;
  }
  if (Array.isArray(value.tool_calls)) {
    for (const call of value.tool_calls) addToolCall(message, openAiToolCall(call));
  }
  const toolCallId = value.tool_call_id ?? value.toolCallId;
  if (typeof toolCallId === 'string' && toolCallId !== '') message.toolCallId = toolCallId;
  if (typeof value.name === 'string' && value.name !== '') message.name = value.name;
  return message;
}

function applyPart(message: ChatMessage, part: unknown, texts: string[]): void {
  if (typeof part === 'string') {
    texts.push(part);
    return;
  }
  if (!isRecord(part)) return;
  switch (part.type) {
    case 'text': {
      const text = part.content ?? part.text;
      if (typeof text === 'string') texts.push(text);
      return;
    }
    case 'tool_call': // OTel GenAI
    case 'tool-call': // AI SDK
    case 'tool_use': // Anthropic
      addToolCall(message, partToolCall(part));
      return;
    case 'tool_call_response':
    case 'tool-result':
    case 'tool_result': {
      const id = part.id ?? part.toolCallId ?? part.tool_use_id;
      if (typeof id === 'string' && id !== '') message.toolCallId = id;
      const text = toText(unwrapToolOutput(part.response ?? part.output ?? part.result ?? part.content));
      if (text !== null) texts.push(text);
      return;
    }
    default:
      // Images, files, audio and reasoning are kept in rawAttributes only.
      return;
  }
}

/** AI SDK tool results are `{ type: 'json' | 'text' | ..., value }`; everything else is used as is. */
function unwrapToolOutput(output: unknown): unknown {
  return isRecord(output) && typeof output.type === 'string' && 'value' in output ? output.value : output;
}

function partToolCall(part: Record<string, unknown>): ToolCall | null {
  const name = part.name ?? part.toolName;
  if (typeof name !== 'string') return null;
  const id = part.id ?? part.toolCallId;
  return {
    ...(typeof id === 'string' && id !== '' ? { id } : {}),
    name,
    arguments: toText(part.arguments ?? part.input ?? part.args) ?? '',
  };
}

/** OpenAI `{ id, type: 'function', function: { name, arguments } }`, or the flat AI SDK / OTel shapes. */
export function openAiToolCall(call: unknown): ToolCall | null {
  if (!isRecord(call)) return null;
  const fn = call.function;
  if (!isRecord(fn)) return partToolCall(call);
  if (typeof fn.name !== 'string') return null;
  return {
    ...(typeof call.id === 'string' && call.id !== '' ? { id: call.id } : {}),
    name: fn.name,
    arguments: toText(fn.arguments) ?? '',
  };
}

export function addToolCall(message: ChatMessage, call: ToolCall | null): void {
  if (call === null) return;
  if (message.toolCalls) message.toolCalls.push(call);
  else message.toolCalls = [call];
}

export function messagesContent(messages: ChatMessage[]): SpanContent {
  return { type: 'messages', messages };
}

/**
 * Any decoded value as SpanContent: a string is text, a chat transcript (or an object carrying one in
 * `messages`, or an OpenAI completion with `choices`) is messages, anything else is JSON.
 */
export function contentFromValue(value: unknown): SpanContent | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return { type: 'text', text: value };
  const messages = toChatMessages(value) ?? (isRecord(value) ? embeddedMessages(value) : null);
  return messages ? messagesContent(messages) : { type: 'json', value };
}

function embeddedMessages(value: Record<string, unknown>): ChatMessage[] | null {
  if (Array.isArray(value.messages)) return toChatMessages(value.messages);
  if (Array.isArray(value.choices)) {
    const choices: unknown[] = [];
    for (const choice of value.choices) if (isRecord(choice)) choices.push(choice.message);
    return toChatMessages(choices);
  }
  return null;
}

/**
 * Text that may hold JSON: parsed when it looks like a JSON object or array (or the MIME type says JSON),
 * then converted like {@link contentFromValue}; plain text stays text.
 */
export function contentFromText(text: string | null, mimeType?: string | null): SpanContent | null {
  if (text === null || text === '') return null;
  const isJson = mimeType ? mimeType.includes('json') : looksLikeJson(text);
  if (!isJson) return { type: 'text', text };
  const parsed = parseJson(text);
  return parsed === undefined ? { type: 'text', text } : contentFromValue(parsed);
}
