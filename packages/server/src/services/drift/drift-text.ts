import type { SpanContent } from '@sextant/core';

/**
 * The text a drift check compares: for a chat, the last message of the user (inputs) or of the
 * assistant (outputs), since earlier turns repeat across requests; otherwise the text or JSON itself.
 */
export function driftText(content: SpanContent | null, field: 'input' | 'output'): string {
  if (!content) return '';
  switch (content.type) {
    case 'text':
      return content.text;
    case 'json':
      return typeof content.value === 'string' ? content.value : (JSON.stringify(content.value) ?? '');
    case 'messages': {
      const role = field === 'input' ? 'user' : 'assistant';
      const own = content.messages.findLast((message) => message.role === role && message.content);
      return own?.content ?? content.messages.findLast((message) => message.content)?.content ?? '';
    }
  }
}

/** Dataset item inputs are free-form JSON: a string, a chat, or an object with a text-like field. */
export function datasetItemText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const last = value.findLast(
      (entry) => typeof entry === 'object' && entry !== null && (entry as { role?: string }).role === 'user',
    ) as { content?: unknown } | undefined;
    if (typeof last?.content === 'string') return last.content;
  }
  if (typeof value === 'object' && value !== null) {
    for (const key of ['question', 'input', 'query', 'prompt', 'text', 'message']) {
      const field = (value as Record<string, unknown>)[key];
      if (typeof field === 'string') return field;
    }
    if (Array.isArray((value as { messages?: unknown }).messages)) {
      return datasetItemText((value as { messages: unknown }).messages);
    }
  }
  return JSON.stringify(value) ?? '';
}
