import type { CanonicalSpan, SpanContent } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import { traceSearchTexts } from './trace-search-text.js';

const span = (traceId: string, input: SpanContent | null, output: SpanContent | null = null) =>
  ({ traceId, input, output }) as CanonicalSpan;
const chat = (...contents: string[]): SpanContent => ({
  type: 'messages',
  messages: contents.map((content) => ({ role: 'user', content })),
});

describe('traceSearchTexts', () => {
  it('makes one entry per trace holding each distinct message once', () => {
    const texts = traceSearchTexts([
      span('t1', chat('Where is my parcel?'), { type: 'text', text: 'It ships today' }),
      span('t1', chat('Where is my parcel?', 'It ships today', 'And the invoice?')),
      span('t2', null),
      span('t3', { type: 'json', value: { city: 'Lyon' } }),
    ]);
    expect([...texts]).toEqual([
      ['t1', 'Where is my parcel?\nIt ships today\nAnd the invoice?'],
      ['t3', '{"city":"Lyon"}'],
    ]);
  });

  it('indexes at most 16 KiB per span that brought new text', () => {
    const long = 'word '.repeat(10_000);
    expect(traceSearchTexts([span('t', { type: 'text', text: long })]).get('t')).toHaveLength(16_384);
    const two = traceSearchTexts([
      span('t', { type: 'text', text: long }),
      span('t', { type: 'text', text: long }), // nothing new: no more room
      span('t', { type: 'text', text: `other ${long}` }),
    ]);
    expect(two.get('t')).toHaveLength(32_768);
  });
});
