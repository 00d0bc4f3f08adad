import { SextantError } from '@sextant/core';

/** Position after the last row of a page: the sort value and trace id of that row. */
export interface TraceCursor {
  value: number | string;
  traceId: string;
}

export function encodeTraceCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.traceId])).toString('base64url');
}

export function decodeTraceCursor(text: string): TraceCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [value, traceId] = parsed as unknown[];
      if ((typeof value === 'number' || typeof value === 'string') && typeof traceId === 'string') {
        return { value, traceId };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new SextantError(
    'bad_request',
    `cursor '${text.slice(0, 40)}' is not valid; pass the nextCursor of a previous page`,
  );
}

/** Turns free text into an FTS5 query: every word must match, the last one as a prefix. */
export function toFullTextQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words)
    throw new SextantError('bad_request', `search text '${text}' has no letters or digits to search for`);
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}
