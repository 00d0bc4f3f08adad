import {
  type CanonicalSpan,
  type OnlineEvalRuleDefinition,
  type OnlineEvalRuleInput,
  onlineEvalRuleInputSchema,
} from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;
type MakeSpan = (overrides?: Partial<CanonicalSpan>) => CanonicalSpan;

const rule = (
  id: string,
  input: Partial<OnlineEvalRuleInput> = {},
): OnlineEvalRuleDefinition & { id: string } => ({
  id,
  ...onlineEvalRuleInputSchema.parse({ name: id, evaluators: [{ name: 'json-valid' }], ...input }),
});

/** Cases for `Store.onlineEvals`, registered inside `runStoreContract` so every adapter runs them. */
export function registerOnlineEvalCases(test: ContractTest, store: () => Store, makeSpan: MakeSpan) {
  const rules = () => store().onlineEvals;

  test('online evals: creates, lists, updates and deletes rules per project; names are unique', async () => {
    const created = await rules().createRule(
      'alpha',
      rule('r1', { sampleRate: 0.25, filter: { model: 'gpt-4o', tags: ['prod'] }, target: { kind: 'llm' } }),
    );
    expect(created).toMatchObject({
      id: 'r1',
      name: 'r1',
      sampleRate: 0.25,
      enabled: true,
      filter: { model: 'gpt-4o', tags: ['prod'] },
      evaluators: [{ name: 'json-valid', settings: {} }],
      target: { kind: 'llm' },
    });
    await expect(rules().createRule('alpha', { ...rule('r2'), name: 'r1' })).rejects.toThrow(
      /already has an online evaluation rule named 'r1'/,
    );
    await rules().createRule('beta', rule('r1'));
    expect((await rules().listRules('alpha')).map((entry) => entry.id)).toEqual(['r1']);
    const updated = await rules().updateRule('alpha', 'r1', { ...rule('r1'), enabled: false, sampleRate: 1 });
    expect(updated).toMatchObject({ enabled: false, sampleRate: 1, name: 'r1' });
    expect(updated?.target).toBeUndefined();
    expect(await rules().updateRule('alpha', 'missing', rule('missing'))).toBeNull();
    expect(await rules().deleteRule('beta', 'r1')).toBe(true);
    expect(await rules().deleteRule('beta', 'r1')).toBe(false);
    expect((await rules().getRule('alpha', 'r1'))?.enabled).toBe(false);
    expect(await rules().getRule('beta', 'r1')).toBeNull();
  });

  test('online evals: a rule reads only traces stored after it was created, through its cursor', async () => {
    const old = makeSpan();
    await store().insertSpans('alpha', [old]);
    await rules().createRule('alpha', rule('r1'));
    const start = (await rules().ruleCursor('alpha', 'r1'))!;
    expect(await rules().newTraces('alpha', start, 10)).toEqual({ traceIds: [], cursor: start });

    const first = makeSpan();
    const child = makeSpan({ traceId: first.traceId, parentSpanId: first.spanId });
    const second = makeSpan();
    await store().insertSpans('alpha', [child]);
    await store().insertSpans('beta', [makeSpan()]);
    await store().insertSpans('alpha', [first]);
    await store().insertSpans('alpha', [second]);

    const page = await rules().newTraces('alpha', start, 1);
    expect(page.traceIds).toEqual([first.traceId]);
    const rest = await rules().newTraces('alpha', page.cursor, 10);
    expect(rest.traceIds).toEqual([second.traceId]);
    expect((await rules().newTraces('alpha', rest.cursor, 10)).traceIds).toEqual([]);

    expect(await rules().advanceRuleCursor('alpha', 'r1', start, page.cursor)).toBe(true);
    expect(await rules().advanceRuleCursor('alpha', 'r1', start, rest.cursor)).toBe(false);
    expect(await rules().ruleCursor('alpha', 'r1')).toBe(page.cursor);
    expect(await rules().ruleCursor('beta', 'r1')).toBeNull();
  });
}
