import { describe, expect, it } from 'vitest';
import { type CanonicalSpan, emptySpan } from '../span/canonical-span.js';
import { matchesTraceFilter } from './match-trace-filter.js';

const span = (overrides: Partial<CanonicalSpan>): CanonicalSpan => ({
  ...emptySpan({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'x', startTimeUs: 0, endTimeUs: 1 }),
  ...overrides,
});

const trace = [
  span({ spanId: '1'.repeat(16), name: 'answer', tags: ['prod'] }),
  span({
    spanId: '2'.repeat(16),
    parentSpanId: '1'.repeat(16),
    name: 'chat',
    kind: 'llm',
    model: 'gpt-4o',
    promptName: 'support',
    promptVersion: '3',
    releaseId: 'bot@2',
    tags: ['eu'],
  }),
];

describe('matchesTraceFilter', () => {
  it('matches the root name, any span’s kind, model, prompt and release, and all tags', () => {
    expect(matchesTraceFilter(trace, {})).toBe(true);
    expect(matchesTraceFilter(trace, { name: 'answer' })).toBe(true);
    expect(matchesTraceFilter(trace, { name: 'chat' })).toBe(false);
    expect(matchesTraceFilter(trace, { kind: 'llm', model: 'gpt-4o' })).toBe(true);
    expect(matchesTraceFilter(trace, { kind: 'retrieval' })).toBe(false);
    expect(matchesTraceFilter(trace, { model: 'claude' })).toBe(false);
    expect(matchesTraceFilter(trace, { promptName: 'support', promptVersion: '3' })).toBe(true);
    expect(matchesTraceFilter(trace, { promptName: 'support', promptVersion: '2' })).toBe(false);
    expect(matchesTraceFilter(trace, { releaseId: 'bot@2' })).toBe(true);
    expect(matchesTraceFilter(trace, { releaseId: 'bot@1' })).toBe(false);
    expect(matchesTraceFilter(trace, { tags: ['prod', 'eu'] })).toBe(true);
    expect(matchesTraceFilter(trace, { tags: ['prod', 'us'] })).toBe(false);
  });

  it('derives the trace status from its spans', () => {
    expect(matchesTraceFilter(trace, { status: 'ok' })).toBe(true);
    const failed = [
      ...trace,
      span({ spanId: '3'.repeat(16), parentSpanId: '1'.repeat(16), status: 'error' }),
    ];
    expect(matchesTraceFilter(failed, { status: 'error' })).toBe(true);
    expect(matchesTraceFilter(failed, { status: 'ok' })).toBe(false);
    expect(matchesTraceFilter([], {})).toBe(false);
  });
});
