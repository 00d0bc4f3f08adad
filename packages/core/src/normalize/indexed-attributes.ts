import type { ChatMessage, ToolCall } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import { readString } from './attribute-readers.js';
import { addToolCall } from './chat-messages.js';

/** Lists longer than this are cut; it bounds the work one hostile span can cause. */
const MAX_ITEMS = 1000;

/**
 * Reads a list flattened into attributes as `${prefix}.0.…`, `${prefix}.1.…` (OpenInference, OpenLLMetry):
 * `read` gets the `${prefix}.${index}.` key stem and returns null when there is no item at that index,
 * which ends the list.
 */
export function readIndexed<Item>(prefix: string, read: (stem: string) => Item | null): Item[] {
  const items: Item[] = [];
  for (let index = 0; index < MAX_ITEMS; index++) {
    const item = read(`${prefix}.${index}.`);
    if (item === null) break;
    items.push(item);
  }
  return items;
}

/** Where the fields of one flattened message live, relative to its stem. */
export interface FlatMessageLayout {
  role: string;
  content: string;
  toolCallId: string;
  name: string;
  /** Prefix of the message's tool calls, each with `id`, `name` and `arguments` keys below. */
  toolCalls: string;
  toolCallIdKey: string;
  toolCallNameKey: string;
  toolCallArgumentsKey: string;
}

/** Reads flattened chat messages; null when there are none. */
export function readFlatMessages(
  attributes: Attributes,
  prefix: string,
  layout: FlatMessageLayout,
): ChatMessage[] | null {
  const messages = readIndexed(prefix, (stem) => {
    const role = readString(attributes, stem + layout.role);
    const content = readString(attributes, stem + layout.content);
    const toolCalls = readIndexed(stem + layout.toolCalls, (callStem) =>
      readFlatToolCall(attributes, callStem, layout),
    );
    if (role === null && content === null && toolCalls.length === 0) return null;
    const message: ChatMessage = { role: role ?? 'unknown', content };
    for (const call of toolCalls) addToolCall(message, call);
    const toolCallId = readString(attributes, stem + layout.toolCallId);
    if (toolCallId !== null) message.toolCallId = toolCallId;
    const name = readString(attributes, stem + layout.name);
    if (name !== null) message.name = name;
    return message;
  });
  return messages.length > 0 ? messages : null;
}

function readFlatToolCall(attributes: Attributes, stem: string, layout: FlatMessageLayout): ToolCall | null {
  const name = readString(attributes, stem + layout.toolCallNameKey);
  if (name === null) return null;
  const id = readString(attributes, stem + layout.toolCallIdKey);
  return {
    ...(id !== null ? { id } : {}),
    name,
    arguments: readString(attributes, stem + layout.toolCallArgumentsKey) ?? '',
  };
}
