import { describe, expect, it } from 'vitest';
import { serializeValue, truncateText } from './serialize-value.js';

describe('serializeValue', () => {
  it('matches JSON.stringify for plain JSON values', () => {
    const value = {
      question: 'refund?',
      k: 3,
      filters: [{ lang: 'en' }, null],
      exact: false,
      skip: undefined,
    };
    expect(serializeValue(value)).toBe(JSON.stringify(value));
    expect(serializeValue('hello')).toBe('"hello"');
    expect(serializeValue([1, undefined, () => 1])).toBe('[1,null,null]');
  });

  it('returns undefined where JSON has no value', () => {
    expect(serializeValue(undefined)).toBeUndefined();
    expect(serializeValue(() => 1)).toBeUndefined();
  });

  it('never throws on circular values, BigInt, throwing getters or throwing toJSON', () => {
    const circular: Record<string, unknown> = { id: 1n };
    circular.self = { parent: circular };
    const hostile = {
      get secret(): string {
        throw new Error('no access');
      },
      nested: {
        toJSON: () => {
          throw new Error('bad toJSON');
        },
      },
    };
    expect(serializeValue(circular)).toBe('{"id":"1","self":{"parent":"[Circular]"}}');
    expect(serializeValue(hostile)).toBe('{"secret":"[Unserializable]","nested":"[Unserializable]"}');
    expect(
      serializeValue(
        new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('trap');
            },
          },
        ),
      ),
    ).toBe('"[Unserializable]"');
  });

  it('keeps a value repeated in siblings (only cycles are cut)', () => {
    const shared = { id: 'doc-1' };
    expect(serializeValue([shared, shared])).toBe('[{"id":"doc-1"},{"id":"doc-1"}]');
  });

  it('describes errors, maps, sets, dates and binary data', () => {
    expect(serializeValue(new TypeError('bad input'))).toBe('{"name":"TypeError","message":"bad input"}');
    expect(serializeValue(new Map([['a', 1]]))).toBe('{"a":1}');
    expect(serializeValue(new Set(['x']))).toBe('["x"]');
    expect(serializeValue(new Date('2025-01-02T03:04:05.000Z'))).toBe('"2025-01-02T03:04:05.000Z"');
    expect(serializeValue(new Float32Array(384))).toBe('"[Float32Array 1536 bytes]"');
  });

  it('cuts long output at maxLength with a marker and bounded work', () => {
    const huge = Array.from({ length: 1_000_000 }, (_, index) => ({ index, text: 'lorem ipsum' }));
    const started = performance.now();
    const text = serializeValue(huge, 1000);
    expect(performance.now() - started).toBeLessThan(100);
    expect(text).toHaveLength(1000);
    expect(text?.startsWith('[{"index":0,"text":"lorem ipsum"},')).toBe(true);
    expect(text?.endsWith('…[truncated]')).toBe(true);
    expect(serializeValue('x'.repeat(10), 12)).toBe('"xxxxxxxxxx"');
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(7)}😀${'b'.repeat(20)}`;
    const cut = truncateText(text, 20);
    expect(cut).toBe(`${'a'.repeat(7)}…[truncated]`);
    expect(cut.length).toBeLessThanOrEqual(20);
  });
});
