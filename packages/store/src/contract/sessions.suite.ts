import {
  type CanonicalSpan,
  emptySpan,
  type SessionQueryInput,
  type SessionSummary,
  sessionQuerySchema,
} from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const second = 1_000_000;
const base = 1_700_000_000 * second;
let counter = 0;

/** A one-span trace (an llm call) starting `seconds` after the base time. */
function trace(seconds: number, overrides: Partial<CanonicalSpan> = {}): CanonicalSpan {
  counter += 1;
  return {
    ...emptySpan({
      traceId: (0x5e55_0000 + counter).toString(16).padStart(32, '0'),
      spanId: (0x5e55_0000 + counter).toString(16).padStart(16, '0'),
      name: 'turn',
      startTimeUs: base + seconds * second,
      endTimeUs: base + seconds * second + 1000,
    }),
    kind: 'llm',
    ...overrides,
  };
}

const text = (value: string) => ({ type: 'text' as const, text: value });
const at = (seconds: number) => new Date((base + seconds * second) / 1000);

/** Cases for `Store.listSessions`, registered inside `runStoreContract` so every adapter runs them. */
export function registerSessionCases(test: ContractTest, store: () => Store) {
  const list = (projectId: string, input: SessionQueryInput = {}) =>
    store().listSessions(projectId, sessionQuerySchema.parse(input));

  test('sessions: rolls traces up per session, newest activity first', async () => {
    await store().insertSpans('alpha', [
      trace(10, {
        sessionId: 's1',
        userId: 'u1',
        status: 'error',
        inputTokens: 10,
        outputTokens: 5,
        cost: 0.1,
        input: text('first question'),
      }),
      trace(30, { sessionId: 's1', inputTokens: 20, outputTokens: 5, input: text('second question') }),
      trace(20, { sessionId: 's2', userId: 'u2', input: text('hello') }),
      trace(40, { input: text('no session') }),
    ]);
    const page = await list('alpha');
    expect(page.nextCursor).toBeNull();
    expect(page.sessions).toEqual([
      {
        sessionId: 's1',
        userId: 'u1',
        traceCount: 2,
        errorCount: 1,
        firstStartUs: base + 10 * second,
        lastStartUs: base + 30 * second,
        totalTokens: 40,
        cost: 0.1,
        lastInputPreview: 'second question',
      },
      {
        sessionId: 's2',
        userId: 'u2',
        traceCount: 1,
        errorCount: 0,
        firstStartUs: base + 20 * second,
        lastStartUs: base + 20 * second,
        totalTokens: 0,
        cost: null,
        lastInputPreview: 'hello',
      },
    ] satisfies SessionSummary[]);
  });

  test('sessions: counts only the traces that started inside the window', async () => {
    await store().insertSpans('alpha', [
      trace(10, { sessionId: 's1', userId: 'u1', cost: 0.1, input: text('early') }),
      trace(30, { sessionId: 's1', input: text('late') }),
      trace(20, { sessionId: 's2' }),
    ]);
    const late = await list('alpha', { from: at(15) });
    expect(late.sessions.map((session) => [session.sessionId, session.traceCount])).toEqual([
      ['s1', 1],
      ['s2', 1],
    ]);
    // The early trace is outside: its cost and its user do not count.
    expect(late.sessions[0]).toMatchObject({ cost: null, userId: null, firstStartUs: base + 30 * second });
    const middle = await list('alpha', { from: at(15), to: at(25) });
    expect(middle.sessions.map((session) => session.sessionId)).toEqual(['s2']);
  });

  test('sessions: pages with a cursor without gaps or repeats, ties broken by session id', async () => {
    // Seven sessions; three share their newest start time.
    await store().insertSpans(
      'alpha',
      Array.from({ length: 7 }, (_, index) => trace(index < 3 ? 100 : index, { sessionId: `c${index}` })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list('alpha', { limit: 3, cursor });
      expect(page.sessions.length).toBeLessThanOrEqual(3);
      seen.push(...page.sessions.map((session) => session.sessionId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['c2', 'c1', 'c0', 'c6', 'c5', 'c4', 'c3']);
    await expect(list('alpha', { cursor: 'not-a-cursor' })).rejects.toThrow(/nextCursor/);
  });

  test('sessions: small pages agree with one big page when a busy session crowds the newest traces', async () => {
    // 'busy' owns the 60 newest traces; q0..q4 each have an old trace and a newer one below busy's.
    await store().insertSpans('alpha', [
      ...Array.from({ length: 60 }, (_, index) => trace(1000 + index, { sessionId: 'busy' })),
      ...Array.from({ length: 5 }, (_, index) => [
        trace(index * 10, { sessionId: `q${index}`, status: 'error' }),
        trace(500 + index, { sessionId: `q${index}`, inputTokens: index }),
      ]).flat(),
    ]);
    const whole = await list('alpha', { limit: 100 });
    expect(whole.sessions.map((session) => [session.sessionId, session.traceCount])).toEqual([
      ['busy', 60],
      ['q4', 2],
      ['q3', 2],
      ['q2', 2],
      ['q1', 2],
      ['q0', 2],
    ]);
    const paged: SessionSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await list('alpha', { limit: 1, cursor });
      paged.push(...page.sessions);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(whole.sessions);
    // A window that cuts the busy session's traces and the q sessions' newer ones.
    const windowed = await list('alpha', { from: at(0), to: at(1030), limit: 2 });
    expect(windowed.sessions.map((session) => [session.sessionId, session.traceCount])).toEqual([
      ['busy', 30],
      ['q4', 2],
    ]);
  });

  test('sessions: never lists or counts another project’s traces', async () => {
    await store().insertSpans('alpha', [
      trace(10, { sessionId: 'shared', cost: 1 }),
      trace(11, { sessionId: 'only-alpha' }),
    ]);
    await store().insertSpans('beta', [trace(12, { sessionId: 'shared', input: text('beta turn') })]);
    const alpha = await list('alpha');
    expect(alpha.sessions.map((session) => session.sessionId)).toEqual(['only-alpha', 'shared']);
    expect(alpha.sessions[1]).toMatchObject({ traceCount: 1, cost: 1, lastInputPreview: null });
    const beta = await list('beta');
    expect(beta.sessions).toEqual([
      expect.objectContaining({
        sessionId: 'shared',
        traceCount: 1,
        cost: null,
        lastInputPreview: 'beta turn',
      }),
    ]);
  });
}
