import { SextantError } from '@sextant/core';
import { decodeTraceCursor, encodeTraceCursor } from './trace-cursor.js';

/** Position after the last session of a page (newest activity first): its newest trace start and its id. */
export interface SessionCursor {
  lastStartUs: number;
  sessionId: string;
}

/** Same opaque `[value, id]` encoding as trace cursors. */
export function encodeSessionCursor(cursor: SessionCursor): string {
  return encodeTraceCursor({ value: cursor.lastStartUs, traceId: cursor.sessionId });
}

export function decodeSessionCursor(text: string): SessionCursor {
  const { value, traceId } = decodeTraceCursor(text);
  if (typeof value !== 'number') {
    throw new SextantError(
      'bad_request',
      `cursor '${text.slice(0, 40)}' is not a session list cursor; pass the nextCursor of a previous page`,
    );
  }
  return { lastStartUs: value, sessionId: traceId };
}
