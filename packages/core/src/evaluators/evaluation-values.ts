import { SextantError } from '../errors.js';

/**
 * The text an evaluator scores for any output: strings as they are; a span's content or chat
 * messages as the last message's text (the answer); retrieved documents as their contents, one
 * paragraph each; other values as compact JSON. null and undefined become ''.
 */
export function evaluationText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isDocument))
      return value.map((document) => document.content).join('\n\n');
    if (value.length > 0 && value.every(isMessage)) return lastMessageText(value);
    return stringifyJson(value);
  }
  if (isRecord(value)) {
    if (value.type === 'text' && typeof value.text === 'string') return value.text;
    if (value.type === 'json' && 'value' in value) return evaluationText(value.value);
    if (value.type === 'messages' && Array.isArray(value.messages)) return lastMessageText(value.messages);
  }
  return stringifyJson(value);
}

/**
 * Reference texts from `expected`: a string is one reference, an array of strings is several
 * (scored against the best one). Throws when there is none, naming the evaluator so the user can fix
 * the dataset or the options.
 */
export function referenceTexts(expected: unknown, evaluatorName: string): string[] {
  if (typeof expected === 'string') return [expected];
  if (Array.isArray(expected) && expected.length > 0 && expected.every((item) => typeof item === 'string')) {
    return expected;
  }
  if (expected === undefined || expected === null || (Array.isArray(expected) && expected.length === 0)) {
    throw new SextantError(
      'bad_request',
      `${evaluatorName} needs a reference: give the dataset item an expected output (a string or a list of strings)`,
    );
  }
  return [evaluationText(expected)];
}

/** A string quoted for an explanation, shortened around its middle when long. */
export function quoteText(text: string, maxLength = 80): string {
  const characters = Array.from(text);
  if (characters.length <= maxLength) return JSON.stringify(text);
  const half = Math.floor((maxLength - 1) / 2);
  return JSON.stringify(`${characters.slice(0, half).join('')}…${characters.slice(-half).join('')}`);
}

/** Any value as compact JSON for an explanation, shortened when long. */
export function previewJson(value: unknown, maxLength = 80): string {
  const json = stringifyJson(value);
  const characters = Array.from(json);
  return characters.length <= maxLength ? json : `${characters.slice(0, maxLength - 1).join('')}…`;
}

/** JSON.stringify that never throws (cycles, BigInt) and never returns undefined. */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDocument(value: unknown): value is { content: string } {
  return isRecord(value) && typeof value.content === 'string' && !('role' in value);
}

function isMessage(value: unknown): value is { role: string; content?: unknown } {
  return isRecord(value) && typeof value.role === 'string';
}

function lastMessageText(messages: readonly unknown[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    const text = isRecord(message) ? messageContentText(message.content) : '';
    if (text !== '') return text;
  }
  return '';
}

/** A message's content as a string, or its text parts joined (`[{ type: 'text', text }]`). */
function messageContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}
