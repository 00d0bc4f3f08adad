import type { SpanContent } from './canonical-span.js';

/** Plain text of a span's input or output, for full-text search and list previews. */
export function spanContentText(content: SpanContent | null): string {
  return spanContentParts(content).join('\n');
}

/** The text of a span's input or output part by part: each message of a chat on its own. */
export function spanContentParts(content: SpanContent | null): string[] {
  if (!content) return [];
  switch (content.type) {
    case 'text':
      return [content.text];
    case 'messages':
      return content.messages.map(
        (message) =>
          message.content ??
          message.toolCalls?.map((call) => `${call.name} ${call.arguments}`).join(' ') ??
          '',
      );
    case 'json':
      return [typeof content.value === 'string' ? content.value : safeStringify(content.value)];
  }
}

/** The last message of a chat (the user's question or the model's answer) or the text itself. */
export function spanContentPreview(content: SpanContent | null, maxLength = 300): string | null {
  if (!content) return null;
  const text =
    content.type === 'messages'
      ? (content.messages.findLast((message) => message.content)?.content ?? spanContentText(content))
      : spanContentText(content);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
