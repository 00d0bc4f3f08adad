import type { PromptMessage, PromptRole } from './prompt-definition.js';
import { promptRoleSchema } from './prompt-definition.js';
import type { TextPosition } from './text-position.js';

/** `## system`, `## user`, ...: the lines that start the messages of a chat prompt file. */
const roleHeading = /^##[ \t]+([A-Za-z]+)[ \t]*$/;

const isBlank = (line: string) => line.trim() === '';

/** A template cut from a file, with where its first line is. */
export interface BodyPart {
  text: string;
  start: TextPosition;
}

/** Lines without the blank ones at either end, and the index of the first kept line. */
function trimBlankLines(lines: readonly string[]): { lines: string[]; first: number } {
  let first = 0;
  let last = lines.length;
  while (first < last && isBlank(lines[first] ?? '')) first += 1;
  while (last > first && isBlank(lines[last - 1] ?? '')) last -= 1;
  return { lines: lines.slice(first, last), first };
}

/** The role a heading line names, or undefined when the line is not a role heading. */
export function headingRole(line: string): PromptRole | undefined {
  const role = roleHeading.exec(line)?.[1]?.toLowerCase();
  const parsed = promptRoleSchema.safeParse(role);
  return parsed.success ? parsed.data : undefined;
}

/** True when the body's first non-blank line is a role heading, i.e. it reads as a chat prompt. */
export function looksLikeChat(body: string): boolean {
  const firstLine = body.split('\n').find((line) => !isBlank(line));
  return firstLine !== undefined && headingRole(firstLine) !== undefined;
}

/** The text template in a body that starts on file line `firstLine`: blank lines at either end dropped. */
export function parseTextBody(body: string, firstLine: number): BodyPart {
  const { lines, first } = trimBlankLines(body.split('\n'));
  return { text: lines.join('\n'), start: { line: firstLine + first, column: 1 } };
}

/**
 * The messages of a chat body: each `## role` heading starts one, its content running to the next
 * heading with blank lines at either end dropped. Returns an error for text before the first heading.
 */
export function parseChatBody(
  body: string,
  firstLine: number,
): { messages: (PromptMessage & { start: TextPosition })[]; error?: { line: number; message: string } } {
  const lines = body.split('\n');
  const messages: (PromptMessage & { start: TextPosition })[] = [];
  let current: { role: PromptRole; headingIndex: number; lines: string[] } | undefined;
  let error: { line: number; message: string } | undefined;
  const finish = () => {
    if (!current) return;
    const { lines: kept, first } = trimBlankLines(current.lines);
    const line = firstLine + current.headingIndex + 1 + (kept.length > 0 ? first : 0);
    messages.push({ role: current.role, content: kept.join('\n'), start: { line, column: 1 } });
  };
  for (const [index, line] of lines.entries()) {
    const role = headingRole(line);
    if (role) {
      finish();
      current = { role, headingIndex: index, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else if (!isBlank(line) && !error) {
      error = {
        line: firstLine + index,
        message: `text before the first message heading; start each message with a line '## system', '## user' or '## assistant'`,
      };
    }
  }
  finish();
  return error ? { messages, error } : { messages };
}

/** Whether `text` survives being written as a body and read back unchanged. */
export function fitsBody(text: string, kind: 'text' | 'message'): boolean {
  if (text.includes('\r')) return false;
  const lines = text.split('\n');
  if (trimBlankLines(lines).lines.join('\n') !== text) return false;
  return kind === 'text' || !lines.some((line) => headingRole(line) !== undefined);
}

/** The body text of a chat prompt: one `## role` section per message. */
export function chatBody(messages: readonly PromptMessage[]): string {
  return messages
    .map((message) => `## ${message.role}\n\n${message.content}${message.content ? '\n' : ''}`)
    .join('\n');
}
