import type { CanonicalSpan, SpanContent, SpanTreeNode } from '../api/types';
import { stringifyValue } from './json-text';

/** What one trace of a conversation said: the user's message and the answer, as text. */
export interface ConversationTurn {
  user: string | null;
  assistant: string | null;
  error: string | null;
}

/**
 * The turn a trace represents. The root span's input and output when it has them, else the first span with
 * an input and the last span to finish with an output. Of a chat input only the last user message counts,
 * because chat inputs repeat the whole history.
 */
export function conversationTurn(tree: readonly SpanTreeNode[]): ConversationTurn {
  const spans = flatten(tree);
  const root = tree[0]?.span;
  const byStart = [...spans].sort((a, b) => a.startTimeUs - b.startTimeUs);
  const byEnd = [...spans].sort((a, b) => b.endTimeUs - a.endTimeUs);
  const input = root?.input ?? byStart.find((span) => span.input)?.input ?? null;
  const output = root?.output ?? byEnd.find((span) => span.output)?.output ?? null;
  const failed = byEnd.find((span) => span.error);
  return {
    user: contentText(input, 'user'),
    assistant: contentText(output, 'assistant'),
    error: failed?.error ? failed.error.message : null,
  };
}

function contentText(content: SpanContent | null, role: string): string | null {
  if (!content) return null;
  if (content.type === 'text') return content.text;
  if (content.type === 'json') return stringifyValue(content.value);
  const messages = content.messages;
  const preferred = messages.findLast((message) => message.role === role && message.content);
  return (preferred ?? messages.findLast((message) => message.content))?.content ?? null;
}

function flatten(tree: readonly SpanTreeNode[]): CanonicalSpan[] {
  const spans: CanonicalSpan[] = [];
  const stack = [...tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    spans.push(node.span);
    stack.push(...node.children);
  }
  return spans;
}
